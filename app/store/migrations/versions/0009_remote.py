"""remote and hybrid meetings: where a meeting happens, its main call, video rooms; where a participant is

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('meeting') as batch_op:
        batch_op.add_column(sa.Column('mode', sa.String(8), nullable=False, server_default='room'))
        batch_op.add_column(sa.Column('plenary_url', sa.String(500), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('video_base', sa.String(500), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('video_links', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('mixed', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('participant') as batch_op:
        batch_op.add_column(sa.Column('place', sa.String(8), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('participant') as batch_op:
        batch_op.drop_column('place')
    with op.batch_alter_table('meeting') as batch_op:
        for name in ('mixed', 'video_links', 'video_base', 'plenary_url', 'mode'):
            batch_op.drop_column(name)
