"""Browser tests: a real Harvest server and Debian's Chromium (see README.md here)."""
