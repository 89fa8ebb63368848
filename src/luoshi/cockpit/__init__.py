"""The leader cockpit (领导驾驶舱): read-only figures of the ledger, the express cards and emergencies."""
