import unittest

from lisp import LispError, evaluate


class BasicsTest(unittest.TestCase):
    def test_literals(self):
        self.assertEqual(evaluate("42"), 42)
        self.assertEqual(evaluate("-7"), -7)
        self.assertIs(evaluate("#t"), True)
        self.assertIs(evaluate("#f"), False)
        self.assertIsNone(evaluate(""))
        self.assertIsNone(evaluate("  ; only a comment\n"))
        self.assertEqual(evaluate("1 2 3"), 3)

    def test_arithmetic(self):
        self.assertEqual(evaluate("(+ 1 2 3)"), 6)
        self.assertEqual(evaluate("(+)"), 0)
        self.assertEqual(evaluate("(*)"), 1)
        self.assertEqual(evaluate("(* 2 3 4)"), 24)
        self.assertEqual(evaluate("(- 10 1 2)"), 7)
        self.assertEqual(evaluate("(- 5)"), -5)
        self.assertEqual(evaluate("(div 7 2)"), 3)
        self.assertEqual(evaluate("(div -7 2)"), -4)
        self.assertEqual(evaluate("(mod -7 3)"), 2)
        self.assertEqual(evaluate("(+ (* 2 3) (- 10 4))"), 12)

    def test_comparisons(self):
        self.assertIs(evaluate("(< 1 2 3)"), True)
        self.assertIs(evaluate("(< 1 3 2)"), False)
        self.assertIs(evaluate("(= 2 2 2)"), True)
        self.assertIs(evaluate("(>= 3 3 1)"), True)
        self.assertIs(evaluate("(> 3 3)"), False)
        self.assertIs(evaluate("(<= 1 1 2)"), True)

    def test_truthiness(self):
        self.assertEqual(evaluate("(if 0 1 2)"), 1)
        self.assertEqual(evaluate("(if (list) 1 2)"), 1)
        self.assertEqual(evaluate("(if #f 1 2)"), 2)
        self.assertIs(evaluate("(not 0)"), False)
        self.assertIs(evaluate("(not #f)"), True)

    def test_and_or(self):
        self.assertIs(evaluate("(and)"), True)
        self.assertIs(evaluate("(or)"), False)
        self.assertEqual(evaluate("(and 1 2 3)"), 3)
        self.assertIs(evaluate("(and 1 #f undefined-name)"), False)
        self.assertEqual(evaluate("(or #f 7 undefined-name)"), 7)
        self.assertIs(evaluate("(or #f #f)"), False)

    def test_lists(self):
        self.assertEqual(evaluate("(list 1 2 (+ 1 2))"), [1, 2, 3])
        self.assertEqual(evaluate("(cons 0 (list 1 2))"), [0, 1, 2])
        self.assertEqual(evaluate("(car (list 5 6))"), 5)
        self.assertEqual(evaluate("(cdr (list 5 6))"), [6])
        self.assertIs(evaluate("(null? (cdr (list 1)))"), True)
        self.assertIs(evaluate("(null? 0)"), False)
        self.assertEqual(evaluate("(length (list 1 2 3))"), 3)
        self.assertEqual(evaluate("(define xs (list 1 2)) (cons 0 xs) xs"), [1, 2])


class FormsTest(unittest.TestCase):
    def test_define_and_lambda(self):
        self.assertIsNone(evaluate("(define x 5)"))
        self.assertEqual(evaluate("(define x 5) (* x x)"), 25)
        self.assertEqual(evaluate("(define (square n) (* n n)) (square 9)"), 81)
        self.assertEqual(evaluate("((lambda (a b) (- a b)) 10 3)"), 7)
        self.assertEqual(evaluate("(define (f) (define y 2) (* y 10)) (f)"), 20)

    def test_closures(self):
        program = """
        (define (make-counter)
          (let ((n 0))
            (lambda () (set! n (+ n 1)) n)))
        (define c1 (make-counter))
        (define c2 (make-counter))
        (c1) (c1) (c2)
        (list (c1) (c2))
        """
        self.assertEqual(evaluate(program), [3, 2])
        self.assertEqual(evaluate("(define (adder k) (lambda (x) (+ x k))) ((adder 3) 4)"), 7)

    def test_let_uses_outer_environment(self):
        self.assertEqual(evaluate("(define x 1) (let ((x 10) (y x)) (+ x y))"), 11)
        self.assertEqual(evaluate("(define x 1) (let ((x 10)) x) x"), 1)

    def test_set(self):
        self.assertEqual(evaluate("(define x 1) (define (bump) (set! x (+ x 1))) (bump) (bump) x"), 3)
        with self.assertRaises(LispError):
            evaluate("(set! nope 1)")

    def test_begin(self):
        self.assertEqual(evaluate("(begin 1 2 3)"), 3)
        self.assertEqual(evaluate("(define x 0) (begin (set! x 5) (+ x 1))"), 6)

    def test_recursion(self):
        fact = "(define (fact n) (if (= n 0) 1 (* n (fact (- n 1))))) (fact 20)"
        self.assertEqual(evaluate(fact), 2432902008176640000)
        fib = "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (fib 15)"
        self.assertEqual(evaluate(fib), 610)
        mapper = """
        (define (map f xs) (if (null? xs) (list) (cons (f (car xs)) (map f (cdr xs)))))
        (map (lambda (x) (* x x)) (list 1 2 3 4))
        """
        self.assertEqual(evaluate(mapper), [1, 4, 9, 16])

    def test_tail_calls(self):
        self.assertEqual(evaluate("(define (loop n acc) (if (= n 0) acc (loop (- n 1) (+ acc 1)))) (loop 10000 0)"), 10000)
        self.assertEqual(evaluate("""
            (define (even? n) (if (= n 0) #t (odd? (- n 1))))
            (define (odd? n) (if (= n 0) #f (even? (- n 1))))
            (even? 10001)"""), False)
        self.assertEqual(evaluate("(define (f n) (begin 0 (let ((m (- n 1))) (if (< m 0) 42 (f m))))) (f 10000)"), 42)
        self.assertEqual(evaluate("(define (g n) (or (= n 0) (g (- n 1)))) (g 10000)"), True)
        self.assertEqual(evaluate("(define (h n) (and (> n -1) (if (= n 0) 7 (h (- n 1))))) (h 10000)"), 7)


class ErrorTest(unittest.TestCase):
    def test_errors(self):
        bad = [
            "(+ 1 2", ")", "(+ 1 2))", "()", "nope", "(1 2)", "(define (f x) x) (f)", "(define (f x) x) (f 1 2)",
            "(+ 1 #t)", "(div 1 0)", "(mod 1 0)", "(car (list))", "(cdr 5)", "(car 1)", "(< 1)", "(-)",
            "(if 1 2)", "(not 1 2)", "(cons 1 2)", "(length 5)", "(define x 1) (x)", "(let ((x)) x)",
        ]
        for source in bad:
            with self.assertRaises(LispError, msg=source):
                evaluate(source)

    def test_fresh_environment_each_time(self):
        evaluate("(define leaked 1)")
        with self.assertRaises(LispError):
            evaluate("leaked")

    def test_type_error(self):
        with self.assertRaises(TypeError):
            evaluate(None)


if __name__ == "__main__":
    unittest.main()
