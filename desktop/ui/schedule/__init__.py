"""日程 Schedule: the schedule board, the interview detail, booking and change dialogs."""
