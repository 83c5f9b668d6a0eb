// SPDX-License-Identifier: GPL-2.0
/*
 * sanitizer_options.c - built into the daemon only in sanitizer builds: the sanitizers'
 * default options, so that a daemon started by any test script (which passes no *SAN_OPTIONS)
 * reports every finding in our code and applies the suppressions of findings inside DRBD's own
 * code (tests/ubsan.supp, tests/lsan.supp, tests/tsan.supp, each entry explained).
 *  - ASan+UBSan build (DRBDUM_SANITIZE=address): halt on the first finding.
 *  - TSan build (DRBDUM_SANITIZE=thread): do not halt, so that one run's daemon.log holds every
 *    race (tests/integration/sanitizer_scan.sh fails the test on any of them); a larger
 *    history so that both stacks of a race are shown.
 * Options in the environment still override these.
 */
#if defined(DRBDUM_TSAN_SUPP)
const char *__tsan_default_options(void);

const char *__tsan_default_options(void)
{
	return "halt_on_error=0:second_deadlock_stack=1:history_size=4:"
	       "suppressions=" DRBDUM_TSAN_SUPP;
}
#else
const char *__ubsan_default_options(void);
const char *__asan_default_options(void);
const char *__lsan_default_options(void);

const char *__ubsan_default_options(void)
{
	return "print_stacktrace=1:halt_on_error=1:suppressions=" DRBDUM_UBSAN_SUPP;
}

const char *__asan_default_options(void)
{
	return "detect_leaks=1:abort_on_error=1";
}

const char *__lsan_default_options(void)
{
	return "suppressions=" DRBDUM_LSAN_SUPP;
}
#endif
