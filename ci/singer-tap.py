"""Runs the Singer tap for Copper (PyPI tap-copper, Stitch's) against the emulator: the
tap's own code, unchanged, but for the one address it hard-codes (api.copper.com), which
is pointed at the emulator's API root.

usage: singer-tap.py API_ROOT -- TAP ARGS...
"""
import sys

import tap_copper
import tap_copper.client

api_root = sys.argv[1]
original = tap_copper.client.Client.__init__


def pointed(self, config):
    original(self, config)
    self.base_url = api_root


tap_copper.client.Client.__init__ = pointed
sys.argv = ["tap-copper"] + sys.argv[3:]
tap_copper.main()
