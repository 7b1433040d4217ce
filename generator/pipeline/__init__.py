"""Running a build: what is out of date, the tasks and where they run, the state of
the output folder, and writing files atomically."""
