"""Brokerage events: sessions, slots, tables, interpreters, registrations, requests, meetings."""
