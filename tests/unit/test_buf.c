#include "unit.h"

#include "buf.h"

static void empty_buffer_is_a_valid_string(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 16);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	buf_release(&b);
	assert_non_null(b.data);
}

static void grows_up_to_the_cap_and_no_further(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	assert_int_equal(buf_addstr(&b, "0123456789"), 0);
	assert_int_equal(b.len, 10);
	assert_int_equal(buf_addch(&b, 'x'), BUF_ETOOBIG);
	assert_string_equal(b.data, "0123456789");
	assert_int_equal(buf_printf(&b, "%d", 1), BUF_ETOOBIG);
	assert_true(b.overflowed);
	buf_release(&b);
}

/* Once a write is refused, every later one is: the content is a prefix, never holed. */
static void a_refused_write_refuses_the_rest(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_addstr(&b, "abc"), 0);
	assert_false(b.overflowed);
	assert_int_equal(buf_addstr(&b, "0123456789"), BUF_ETOOBIG);
	assert_int_equal(buf_addstr(&b, "d"), BUF_ETOOBIG); /* would fit, but would leave a hole */
	assert_int_equal(buf_addch(&b, 'e'), BUF_ETOOBIG);
	assert_string_equal(b.data, "abc");
	assert_true(b.overflowed);
	buf_reset(&b); /* reuse starts afresh */
	assert_false(b.overflowed);
	assert_int_equal(buf_addstr(&b, "d"), 0);
	assert_string_equal(b.data, "d");
	buf_release(&b);
}

static void printf_appends(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1000);
	buf_printf(&b, "%s-%d", "a", 1);
	buf_printf(&b, "/%05d", 42);
	assert_string_equal(b.data, "a-1/00042");
	buf_release(&b);
}

static void detach_hands_over_and_empties(void **state)
{
	struct buf b;
	size_t len;
	char *s;

	(void)state;
	buf_init(&b, 100);
	s = buf_detach(&b, &len);
	assert_string_equal(s, "");
	free(s);
	buf_addstr(&b, "hello  \n");
	buf_rtrim(&b);
	s = buf_detach(&b, &len);
	assert_string_equal(s, "hello");
	assert_int_equal(len, 5);
	assert_int_equal(b.len, 0);
	free(s);
}

static void huge_request_does_not_overflow(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 64);
	buf_addstr(&b, "x");
	assert_int_equal(buf_add(&b, "", SIZE_MAX), BUF_ETOOBIG);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_buffer_is_a_valid_string),
		cmocka_unit_test(grows_up_to_the_cap_and_no_further),
		cmocka_unit_test(a_refused_write_refuses_the_rest),
		cmocka_unit_test(printf_appends),
		cmocka_unit_test(detach_hands_over_and_empties),
		cmocka_unit_test(huge_request_does_not_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
