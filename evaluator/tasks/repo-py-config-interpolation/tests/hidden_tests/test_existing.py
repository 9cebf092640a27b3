import unittest

from confetti import ConfigError, load, parse

TEXT = """
; comment
# another
[paths]
root = /srv/app
logs = ${root}/logs

[server]
port = 8080
debug = off
name =  api  server
"""


class ExistingTest(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(
            parse(TEXT),
            {"paths": {"root": "/srv/app", "logs": "${root}/logs"},
             "server": {"port": "8080", "debug": "off", "name": "api  server"}},
        )
        for bad, line in (("[a\nx=1", 1), ("[a]\nnovalue", 2), ("x = 1", 1), ("[a]\nb c = 1", 2), ("[a b]", 1)):
            with self.assertRaises(ConfigError) as ctx:
                parse(bad)
            self.assertIn(f"line {line}", str(ctx.exception))

    def test_config_accessors(self):
        cfg = load(TEXT, overrides={"server.port": 9000, "extra.flag": "YES"})
        self.assertEqual(cfg.get("paths", "logs"), "/srv/app/logs")
        self.assertEqual(cfg.get_int("server", "port"), 9000)
        self.assertIs(cfg.get_bool("server", "debug"), False)
        self.assertIs(cfg.get_bool("extra", "flag"), True)
        self.assertEqual(cfg.sections(), ["paths", "server", "extra"])
        self.assertEqual(cfg.items("paths"), [("root", "/srv/app"), ("logs", "/srv/app/logs")])
        self.assertEqual(cfg.get("server", "missing", "d"), "d")
        self.assertIsNone(cfg.get_int("server", "missing", None))
        with self.assertRaises(ConfigError):
            cfg.get("server", "missing")
        with self.assertRaises(ConfigError):
            cfg.get_int("server", "name")
        with self.assertRaises(ConfigError):
            cfg.get_bool("server", "name")
        with self.assertRaises(ConfigError):
            cfg.items("nope")
        with self.assertRaises(ConfigError):
            load(TEXT, overrides={"nodot": "1"})

    def test_same_section_references_and_undefined(self):
        cfg = load("[a]\nx = 1\ny = ${x}${x}\nz = plain $ sign\n")
        self.assertEqual(cfg.get("a", "y"), "11")
        self.assertEqual(cfg.get("a", "z"), "plain $ sign")
        with self.assertRaises(ConfigError) as ctx:
            load("[a]\nx = ${missing}\n")
        self.assertIn("undefined reference ${missing} in a.x", str(ctx.exception))
