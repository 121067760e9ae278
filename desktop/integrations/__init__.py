"""Adapters to the outside world (Exchange, iCalendar, mail, gateways, PDF). Import core, never ui."""
