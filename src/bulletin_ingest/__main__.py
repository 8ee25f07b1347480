"""`python -m bulletin_ingest` runs the CLI."""

from .cli import main

raise SystemExit(main())
