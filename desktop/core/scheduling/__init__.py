"""Booking, conflicts, slot finding, change requests with approval chains, effects, timeline,
reminders and no-show risk. No Qt."""
