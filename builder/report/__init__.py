"""`coursebuild report`: what learners did in a course, from the xAPI statements it sends."""
