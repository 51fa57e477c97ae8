"""`coursebuild preview`: the course in a local, strict LMS page that rebuilds on every edit."""
