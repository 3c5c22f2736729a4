"""Machinery shared by the tests (not tests themselves): a loopback canary, tiny export writers, hostile strings."""
