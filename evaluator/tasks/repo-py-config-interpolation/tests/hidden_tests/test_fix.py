import unittest

from confetti import ConfigError, interpolate, load


class CrossSectionTest(unittest.TestCase):
    def test_section_dot_key_references(self):
        cfg = load("[paths]\nroot = /srv/app\n[logging]\nfile = ${paths.root}/app.log\nlevel = info\n")
        self.assertEqual(cfg.get("logging", "file"), "/srv/app/app.log")
        self.assertEqual(
            interpolate({"a": {"x": "1"}, "b": {"y": "${a.x}-${a.x}", "z": "${y}"}}),
            {"a": {"x": "1"}, "b": {"y": "1-1", "z": "1-1"}},
        )

    def test_undefined_cross_section_reference(self):
        with self.assertRaises(ConfigError) as ctx:
            load("[a]\nx = ${nope.y}\n")
        self.assertIn("undefined reference ${nope.y} in a.x", str(ctx.exception))
        with self.assertRaises(ConfigError):
            load("[a]\nx = ${b.missing}\n[b]\nother = 1\n")


class NestedTest(unittest.TestCase):
    def test_references_are_resolved_recursively_in_any_order(self):
        text = "[paths]\nlogs = ${base}/logs\nbase = ${root}/var\nroot = /srv\n[app]\nlogfile = ${paths.logs}/app.log\n"
        cfg = load(text)
        self.assertEqual(cfg.get("paths", "logs"), "/srv/var/logs")
        self.assertEqual(cfg.get("paths", "base"), "/srv/var")
        self.assertEqual(cfg.get("app", "logfile"), "/srv/var/logs/app.log")

    def test_overrides_flow_through_references(self):
        text = "[paths]\nroot = /srv\nlogs = ${root}/logs\n[app]\nlogfile = ${paths.logs}/a.log\n"
        cfg = load(text, overrides={"paths.root": "/tmp/x"})
        self.assertEqual(cfg.get("app", "logfile"), "/tmp/x/logs/a.log")

    def test_input_is_not_modified(self):
        raw = {"a": {"x": "${y}", "y": "1"}}
        interpolate(raw)
        self.assertEqual(raw, {"a": {"x": "${y}", "y": "1"}})


class CycleTest(unittest.TestCase):
    def assertCycle(self, text, *names):
        with self.assertRaises(ConfigError) as ctx:
            load(text)
        message = str(ctx.exception)
        self.assertIn("cycle", message)
        for name in names:
            self.assertIn(name, message)

    def test_direct_and_indirect_cycles(self):
        self.assertCycle("[a]\nx = ${x}\n", "a.x")
        self.assertCycle("[a]\nx = ${y}\ny = ${x}\n", "a.x", "a.y")
        self.assertCycle("[a]\nx = ${b.y}\n[b]\ny = ${c.z}\n[c]\nz = <${a.x}>\n", "a.x", "b.y", "c.z")

    def test_cycle_message_lists_the_chain(self):
        with self.assertRaises(ConfigError) as ctx:
            load("[a]\nx = ${y}\ny = ${z}\nz = ${y}\n")
        self.assertEqual(str(ctx.exception), "interpolation cycle: a.y -> a.z -> a.y")


class EscapeTest(unittest.TestCase):
    def test_double_dollar_is_a_literal_dollar(self):
        cfg = load("[shop]\nprice = $$5\ntemplate = $${name} is ${who}\nwho = me\n")
        self.assertEqual(cfg.get("shop", "price"), "$5")
        self.assertEqual(cfg.get("shop", "template"), "${name} is me")

    def test_escaped_values_are_not_interpolated_again(self):
        cfg = load("[a]\nx = $${y}\ny = 1\nz = ${x}\n")
        self.assertEqual(cfg.get("a", "z"), "${y}")
