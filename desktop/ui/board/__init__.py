"""前台 Room board: reception's day view of the rooms."""
