"""What the strategies tell the layers above them, which they do not import.

``strategy_published``: what the public sees of a strategy version changed.
It went out on hearing, was approved or superseded, or, while public, one of
its parts was marked exempt from public disclosure or had that lifted. Sent
once the change is committed, with ``strategy_id``; the reports connect to it
to render the version's public reports ahead of its readers.
"""

from django.dispatch import Signal

strategy_published = Signal()
