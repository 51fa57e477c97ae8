"""`coursebuild check`: the package rules, run on any zip and on every build."""
