"""speed-date rounds and their groups

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'round',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('activity_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('remaining', sa.Float(), nullable=True),
        sa.Column('question', sa.Text(), nullable=False),
        sa.Column('paused_participant', sa.String(length=32), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('activity_id', 'number', name='uq_round_activity_number'),
    )
    op.create_index('ix_round_activity_id', 'round', ['activity_id'])
    op.create_table(
        'round_group',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('members', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['round.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_round_group_round_id', 'round_group', ['round_id'])


def downgrade() -> None:
    op.drop_index('ix_round_group_round_id', table_name='round_group')
    op.drop_table('round_group')
    op.drop_index('ix_round_activity_id', table_name='round')
    op.drop_table('round')
