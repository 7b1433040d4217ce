"""The commands beyond rendering: watch, init and new, doctor, fix."""
