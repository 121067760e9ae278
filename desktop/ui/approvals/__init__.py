"""审批 Approvals: the approver's inbox."""
