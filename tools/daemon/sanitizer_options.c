// SPDX-License-Identifier: GPL-2.0
/*
 * sanitizer_options.c - built into the daemon only in the ASan+UBSan build
 * (DRBDUM_SANITIZE=address): the sanitizers' default options, so that a daemon started by any
 * test script (which passes no *SAN_OPTIONS) halts on every finding in our code and applies
 * the suppressions of findings inside DRBD's own code (tests/ubsan.supp, tests/lsan.supp, each
 * explained).
 * Options in the environment still override these.
 */
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
