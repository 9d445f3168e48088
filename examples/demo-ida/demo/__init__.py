"""The demo IDA: a tiny service used to show how Open edX Config reads OEP-45 settings."""
