"""meeting: a maximum number of participants, and its own language (the screen follows it)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('meeting') as batch_op:
        batch_op.add_column(sa.Column('max_participants', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('meeting') as batch_op:
        batch_op.drop_column('language')
        batch_op.drop_column('max_participants')
