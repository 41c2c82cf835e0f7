from grok_tui.cli import main

raise SystemExit(main())
