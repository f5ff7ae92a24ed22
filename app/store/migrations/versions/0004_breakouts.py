"""breakout groups: question, location, moderator and harvest note per group

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('round_group') as batch_op:
        batch_op.add_column(sa.Column('question', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('location', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('moderator_key', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('note_version', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('round_group') as batch_op:
        for column in ('note_version', 'note', 'moderator_key', 'location', 'question'):
            batch_op.drop_column(column)
