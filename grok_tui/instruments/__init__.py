"""The tutor's instruments, computed without Textual: the network diagram's model, error landscapes,
predictions and chapter quizzes. The panels in grok_tui/ui/panels/ only draw what these compute."""
