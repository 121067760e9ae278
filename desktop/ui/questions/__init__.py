"""候选人提问: the owners' and HR's list of candidate questions, the answer dialog, the candidate kiosk."""
