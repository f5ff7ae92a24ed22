"""evaluation and report: a second text per answer, a meeting's report share key and its "Vorige keer" recap

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('response') as batch_op:
        batch_op.add_column(sa.Column('extra', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('meeting') as batch_op:
        batch_op.add_column(sa.Column('report_key', sa.String(64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('recap_note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('recap_quotes', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('show_recap', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('meeting') as batch_op:
        for column in ('show_recap', 'recap_quotes', 'recap_note', 'report_key'):
            batch_op.drop_column(column)
    with op.batch_alter_table('response') as batch_op:
        batch_op.drop_column('extra')
