"""The floor: a bare Django project that the page benchmark compares healthnews against."""
