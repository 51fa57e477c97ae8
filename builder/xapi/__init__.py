"""xAPI of a course: its activities, the statements it sends, the learner agent."""
