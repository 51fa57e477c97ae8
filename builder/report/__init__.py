"""coursebuild report: what learners did, per course, from the statements it sends."""
