"""learning networks: networks, members, meetings and participants in a network, preparers, topics with dot
votes, agreements, agenda templates

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _created() -> sa.Column:
    return sa.Column('created_at', sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        'network',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('facilitator_id', sa.Integer(), sa.ForeignKey('facilitator.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('name', sa.String(120), nullable=False),
        sa.Column('goal', sa.Text(), nullable=False),
        sa.Column('planned_meetings', sa.Integer(), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=True),
        sa.Column('ends_on', sa.Date(), nullable=True),
        sa.Column('place', sa.String(200), nullable=False),
        sa.Column('dots', sa.Integer(), nullable=False),
        _created(),
        sa.UniqueConstraint('facilitator_id', 'name', name='uq_network_facilitator_name'),
    )
    op.create_table(
        'member',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('network_id', sa.Integer(), sa.ForeignKey('network.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('name', sa.String(80), nullable=False),
        sa.Column('organisation', sa.String(120), nullable=False),
        sa.Column('role', sa.String(120), nullable=False),
        sa.Column('email', sa.String(200), nullable=False),
        sa.Column('match_key', sa.String(220), nullable=False),
        _created(),
        sa.UniqueConstraint('network_id', 'match_key', name='uq_member_network_key'),
    )
    with op.batch_alter_table('meeting') as batch_op:
        batch_op.add_column(sa.Column('network_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('place', sa.String(200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('host', sa.String(120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('show_agreements', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_foreign_key('fk_meeting_network', 'network', ['network_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index('ix_meeting_network_id', ['network_id'])
    with op.batch_alter_table('participant') as batch_op:
        batch_op.add_column(sa.Column('member_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_participant_member', 'member', ['member_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index('ix_participant_member_id', ['member_id'])
    op.create_table(
        'preparer',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('meeting_id', sa.Integer(), sa.ForeignKey('meeting.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('member_id', sa.Integer(), sa.ForeignKey('member.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('key', sa.String(64), nullable=False, unique=True),
        sa.Column('revoked', sa.Boolean(), nullable=False),
        _created(),
    )
    op.create_table(
        'topic',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('network_id', sa.Integer(), sa.ForeignKey('network.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('member_id', sa.Integer(), sa.ForeignKey('member.id', ondelete='SET NULL'), nullable=True),
        sa.Column('text', sa.String(400), nullable=False),
        sa.Column('used_in', sa.Integer(), sa.ForeignKey('meeting.id', ondelete='SET NULL'), nullable=True),
        sa.Column('dots_when_used', sa.Integer(), nullable=False),
        _created(),
    )
    op.create_table(
        'topic_vote',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('topic_id', sa.Integer(), sa.ForeignKey('topic.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('member_id', sa.Integer(), sa.ForeignKey('member.id', ondelete='CASCADE'), nullable=False),
        sa.Column('slot', sa.Integer(), nullable=False),
        sa.UniqueConstraint('member_id', 'slot', name='uq_topic_vote_member_slot'),
    )
    op.create_table(
        'agreement',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('network_id', sa.Integer(), sa.ForeignKey('network.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('meeting_id', sa.Integer(), sa.ForeignKey('meeting.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('text', sa.String(400), nullable=False),
        sa.Column('who', sa.String(80), nullable=False),
        sa.Column('done', sa.Boolean(), nullable=False),
        _created(),
    )
    op.create_table(
        'template',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('facilitator_id', sa.Integer(), sa.ForeignKey('facilitator.id', ondelete='CASCADE'), nullable=False,
                  index=True),
        sa.Column('name', sa.String(120), nullable=False),
        sa.Column('items', sa.JSON(), nullable=False),
        _created(),
    )


def downgrade() -> None:
    for table in ('template', 'agreement', 'topic_vote', 'topic', 'preparer'):
        op.drop_table(table)
    with op.batch_alter_table('participant') as batch_op:
        batch_op.drop_index('ix_participant_member_id')
        batch_op.drop_constraint('fk_participant_member', type_='foreignkey')
        batch_op.drop_column('member_id')
    with op.batch_alter_table('meeting') as batch_op:
        batch_op.drop_index('ix_meeting_network_id')
        batch_op.drop_constraint('fk_meeting_network', type_='foreignkey')
        for column in ('show_agreements', 'host', 'place', 'network_id'):
            batch_op.drop_column(column)
    op.drop_table('member')
    op.drop_table('network')
