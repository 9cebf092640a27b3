import unittest

from confetti import load

TEXT = """
[paths]
root = /srv/app
logs = ${root}/logs
"""


class LoadTest(unittest.TestCase):
    def test_same_section_reference(self):
        self.assertEqual(load(TEXT).get("paths", "logs"), "/srv/app/logs")
