import copy
import unittest

from sudoku import count_solutions, solve


def parse(text):
    digits = [int(ch) if ch.isdigit() else 0 for ch in text if ch.isdigit() or ch == "."]
    return [digits[r * 9:(r + 1) * 9] for r in range(9)]


EASY = parse("53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79")
HARD = parse("8..........36......7..9.2...5...7.......457.....1...3...1....68..85...1..9....4..")
SEVENTEEN = parse("4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......")
EMPTY = [[0] * 9 for _ in range(9)]


def assert_valid(case, solution, puzzle):
    case.assertIsInstance(solution, list)
    case.assertEqual(len(solution), 9)
    for r in range(9):
        case.assertEqual(sorted(solution[r]), list(range(1, 10)))
        case.assertEqual(sorted(solution[i][r] for i in range(9)), list(range(1, 10)))
        br, bc = divmod(r, 3)
        box = [solution[br * 3 + i][bc * 3 + j] for i in range(3) for j in range(3)]
        case.assertEqual(sorted(box), list(range(1, 10)))
        for c in range(9):
            if puzzle[r][c]:
                case.assertEqual(solution[r][c], puzzle[r][c])


class SolveTest(unittest.TestCase):
    def test_easy_exact_solution(self):
        self.assertEqual(solve(EASY)[0], [5, 3, 4, 6, 7, 8, 9, 1, 2])
        assert_valid(self, solve(EASY), EASY)

    def test_hard_puzzles(self):
        for puzzle in (HARD, SEVENTEEN):
            assert_valid(self, solve(puzzle), puzzle)

    def test_empty_grid(self):
        assert_valid(self, solve(EMPTY), EMPTY)

    def test_already_solved(self):
        solved = solve(EASY)
        self.assertEqual(solve(solved), solved)

    def test_input_not_modified(self):
        before = copy.deepcopy(HARD)
        result = solve(HARD)
        self.assertEqual(HARD, before)
        self.assertIsNot(result, HARD)

    def test_conflicting_givens(self):
        bad = copy.deepcopy(EASY)
        bad[0][2] = 5
        self.assertIsNone(solve(bad))
        col = copy.deepcopy(EMPTY)
        col[0][0] = 7
        col[8][0] = 7
        self.assertIsNone(solve(col))
        box = copy.deepcopy(EMPTY)
        box[0][0] = 3
        box[2][2] = 3
        self.assertIsNone(solve(box))

    def test_unsolvable_without_direct_conflict(self):
        grid = copy.deepcopy(EMPTY)
        grid[0] = [1, 2, 3, 4, 5, 6, 7, 8, 0]
        grid[1][8] = 9
        self.assertIsNone(solve(grid))

    def test_errors(self):
        for bad in [None, [[0] * 9] * 8, [[0] * 8] * 9, [[0] * 9 for _ in range(8)] + [(0,) * 9], "grid"]:
            with self.assertRaises(TypeError):
                solve(bad)
        wrong = copy.deepcopy(EMPTY)
        wrong[4][4] = 10
        with self.assertRaises(ValueError):
            solve(wrong)
        wrong[4][4] = -1
        with self.assertRaises(ValueError):
            solve(wrong)
        wrong[4][4] = True
        with self.assertRaises(TypeError):
            solve(wrong)
        wrong[4][4] = 1.0
        with self.assertRaises(TypeError):
            solve(wrong)


class CountTest(unittest.TestCase):
    def test_unique(self):
        self.assertEqual(count_solutions(EASY), 1)
        self.assertEqual(count_solutions(HARD), 1)
        self.assertEqual(count_solutions(SEVENTEEN), 1)
        self.assertEqual(count_solutions(EASY, limit=5), 1)

    def test_multiple_and_limit(self):
        self.assertEqual(count_solutions(EMPTY), 2)
        self.assertEqual(count_solutions(EMPTY, limit=1), 1)
        self.assertEqual(count_solutions(EMPTY, limit=7), 7)
        # remove two givens so that exactly two solutions remain
        solved = solve(EASY)
        two = copy.deepcopy(solved)
        # a deadly pattern: swap-able pair of digits in two rows and two columns of the same box band
        for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1)]:
            two[r][c] = 0
        self.assertIn(count_solutions(two, limit=10), (1, 2))

    def test_none(self):
        bad = copy.deepcopy(EASY)
        bad[0][2] = 5
        self.assertEqual(count_solutions(bad), 0)

    def test_limit_validation(self):
        for bad in [0, -1, 1.5, True, "2"]:
            with self.assertRaises(ValueError):
                count_solutions(EASY, limit=bad)


if __name__ == "__main__":
    unittest.main()
