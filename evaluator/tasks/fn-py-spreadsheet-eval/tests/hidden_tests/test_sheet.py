import unittest

from sheet import evaluate_sheet


class PlainTest(unittest.TestCase):
    def test_plain_values(self):
        result = evaluate_sheet({"A1": "12", "A2": "-3.5", "A3": "hello", "A4": "", "A5": "1.", "A6": "#DIV/0!", "A7": " 5"})
        self.assertEqual(result, {"A1": 12, "A2": -3.5, "A3": "hello", "A4": None, "A5": "1.", "A6": "#DIV/0!", "A7": " 5"})
        self.assertIs(type(result["A1"]), int)

    def test_keys_are_kept_and_input_untouched(self):
        cells = {"B2": "=A1+1", "A1": "1"}
        result = evaluate_sheet(cells)
        self.assertEqual(list(result), ["B2", "A1"])
        self.assertEqual(cells, {"B2": "=A1+1", "A1": "1"})


class FormulaTest(unittest.TestCase):
    def test_arithmetic(self):
        r = evaluate_sheet({"A1": "=1+2*3", "A2": "=(1+2)*3", "A3": "=10-4-3", "A4": "=-2*-3", "A5": "= 7 / 2 ",
                            "A6": "=6/3", "A7": "=1.5*2", "A8": "=--4", "A9": "=8/2/2"})
        self.assertEqual(r, {"A1": 7, "A2": 9, "A3": 3, "A4": 6, "A5": 3.5, "A6": 2, "A7": 3.0, "A8": 4, "A9": 2})
        self.assertIs(type(r["A6"]), int)
        self.assertIs(type(r["A7"]), float)

    def test_references(self):
        r = evaluate_sheet({"A1": "5", "B1": "=a1*2", "C1": "=$B$1+B$1+$A1", "D1": "=Z99+1", "E1": "=C1-B1"})
        self.assertEqual(r, {"A1": 5, "B1": 10, "C1": 25, "D1": 1, "E1": 15})

    def test_functions(self):
        cells = {"A1": "1", "A2": "2", "A3": "text", "B1": "4", "B2": "", "B3": "=A1+A2",
                 "C1": "=SUM(A1:B3)", "C2": "=sum(B3:A1, 10)", "C3": "=MAX(A1:A3)", "C4": "=min(A1:B3, -1)",
                 "C5": "=AVG(A1:A2)", "C6": "=AVG(A2, B1)", "C7": "=SUM(Z1:Z5)", "C8": "=AVG(Z1:Z5)",
                 "C9": "=MAX(Z1:Z2)", "C10": "=SUM(A1, A2*2, (3))"}
        r = evaluate_sheet(cells)
        self.assertEqual(r["C1"], 10)
        self.assertEqual(r["C2"], 20)
        self.assertEqual(r["C3"], 2)
        self.assertEqual(r["C4"], -1)
        self.assertEqual(r["C5"], 1.5)
        self.assertEqual(r["C6"], 3)
        self.assertIs(type(r["C6"]), int)
        self.assertEqual(r["C7"], 0)
        self.assertEqual(r["C8"], "#DIV/0!")
        self.assertEqual(r["C9"], 0)
        self.assertEqual(r["C10"], 8)


class ErrorTest(unittest.TestCase):
    def test_error_kinds(self):
        r = evaluate_sheet({"A1": "word", "B1": "=1/0", "B2": "=A1+1", "B3": "=FOO(1)", "B4": "=foo",
                            "B5": "=1+", "B6": "=(1", "B7": "=1 2", "B8": "=A1:A2", "B9": "=1 & 2", "B10": "=",
                            "B11": "=A1", "B12": "=SUM()", "B13": "=5/(2-2)"})
        self.assertEqual(r["B1"], "#DIV/0!")
        self.assertEqual(r["B2"], "#VALUE!")
        self.assertEqual(r["B3"], "#NAME?")
        self.assertEqual(r["B4"], "#NAME?")
        for key in ["B5", "B6", "B7", "B8", "B9", "B10", "B12"]:
            self.assertEqual(r[key], "#SYNTAX!", key)
        self.assertEqual(r["B11"], "#VALUE!")
        self.assertEqual(r["B13"], "#DIV/0!")

    def test_propagation_first_error_wins(self):
        r = evaluate_sheet({"A1": "=1/0", "A2": "x", "B1": "=A1+A2", "B2": "=A2+A1", "B3": "=SUM(A1:A2)",
                            "C1": "=1/0", "C2": "=SUM(A2, C1)", "C3": "=SUM(C1, A2)", "D1": "=B1*2", "D2": "=SUM(A5:B1)"})
        self.assertEqual(r["B1"], "#DIV/0!")
        self.assertEqual(r["B2"], "#VALUE!")
        self.assertEqual(r["B3"], "#DIV/0!")
        self.assertEqual(r["C2"], "#VALUE!")
        self.assertEqual(r["C3"], "#DIV/0!")
        self.assertEqual(r["D1"], "#DIV/0!")
        self.assertEqual(r["D2"], "#DIV/0!")

    def test_range_error_order_is_row_major(self):
        r = evaluate_sheet({"B1": "=1/0", "A2": "=Q1", "Q1": "=x9y", "C1": "=SUM(A1:B2)"})
        self.assertEqual(r["A2"], "#NAME?")
        self.assertEqual(r["C1"], "#DIV/0!")

    def test_cycles(self):
        r = evaluate_sheet({"A1": "=B1", "B1": "=A1", "C1": "=A1+1", "D1": "=1+2", "E1": "=SUM(E1:E3)",
                            "F1": "=F1", "G1": "=1/0+H1", "H1": "=G1", "I1": "=SUM(A1:A1)*0"})
        self.assertEqual(r["A1"], "#CYCLE!")
        self.assertEqual(r["B1"], "#CYCLE!")
        self.assertEqual(r["C1"], "#CYCLE!")
        self.assertEqual(r["D1"], 3)
        self.assertEqual(r["E1"], "#CYCLE!")
        self.assertEqual(r["F1"], "#CYCLE!")
        self.assertEqual(r["G1"], "#CYCLE!")
        self.assertEqual(r["H1"], "#CYCLE!")
        self.assertEqual(r["I1"], "#CYCLE!")

    def test_long_cycle_and_chain(self):
        n = 5000
        chain = {f"A{i}": f"=A{i + 1}+1" for i in range(1, n)}
        chain[f"A{n}"] = "1"
        r = evaluate_sheet(chain)
        self.assertEqual(r["A1"], n)
        ring = {f"B{i}": f"=B{i % n + 1}" for i in range(1, n + 1)}
        ring["C1"] = "=B1"
        r = evaluate_sheet(ring)
        self.assertTrue(all(v == "#CYCLE!" for v in r.values()))

    def test_bad_input(self):
        for key in ["a1", "A0", "A01", "AAAA1", "1A", "$A$1", "A"]:
            with self.assertRaises(ValueError, msg=key):
                evaluate_sheet({key: "1"})
        with self.assertRaises(TypeError):
            evaluate_sheet({"A1": 1})


if __name__ == "__main__":
    unittest.main()
