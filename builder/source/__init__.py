"""Source stage: course folders to one typed, frozen Course, or diagnostics."""
