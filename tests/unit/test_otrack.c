#include "unit.h"

#include "otrack.h"

static void storable_only_after_outputs_are_delivered(void **state)
{
	struct otrack *t = otrack_new();

	(void)state;
	otrack_begin(t, 0, 10);
	otrack_output(t, 0, 10);
	otrack_output(t, 0, 10);
	otrack_handled(t, 0, 10);
	assert_int_equal(otrack_storable(t, 0), -1);
	otrack_delivered(t, 0, 10);
	assert_int_equal(otrack_storable(t, 0), -1);
	otrack_delivered(t, 0, 10);
	assert_int_equal(otrack_storable(t, 0), 11);
	assert_int_equal(otrack_storable(t, 0), -1); /* reported once */
	otrack_free(t);
}

static void an_unfinished_message_holds_back_later_ones(void **state)
{
	struct otrack *t = otrack_new();

	(void)state;
	for (int64_t o = 0; o < 3; o++) {
		otrack_begin(t, 1, o);
		otrack_output(t, 1, o);
		otrack_handled(t, 1, o);
	}
	otrack_delivered(t, 1, 2);
	otrack_delivered(t, 1, 1);
	assert_int_equal(otrack_storable(t, 1), -1);
	assert_int_equal(otrack_pending(t), 3);
	otrack_delivered(t, 1, 0);
	assert_int_equal(otrack_storable(t, 1), 3);
	assert_int_equal(otrack_pending(t), 0);
	otrack_free(t);
}

static void messages_without_outputs_complete_when_handled(void **state)
{
	struct otrack *t = otrack_new();

	(void)state;
	otrack_begin(t, 2, 5);
	otrack_begin(t, 2, 9); /* gaps in offsets are normal */
	otrack_handled(t, 2, 5);
	assert_int_equal(otrack_storable(t, 2), 6);
	otrack_handled(t, 2, 9);
	assert_int_equal(otrack_storable(t, 2), 10);
	otrack_free(t);
}

static void partitions_are_independent_and_droppable(void **state)
{
	struct otrack *t = otrack_new();

	(void)state;
	otrack_begin(t, 0, 1);
	otrack_begin(t, 1, 1);
	otrack_output(t, 0, 1);
	otrack_handled(t, 0, 1);
	otrack_handled(t, 1, 1);
	assert_int_equal(otrack_storable(t, 1), 2);
	assert_int_equal(otrack_storable(t, 0), -1);
	otrack_drop(t, 0);
	otrack_delivered(t, 0, 1); /* a late report of a revoked partition is ignored */
	assert_int_equal(otrack_storable(t, 0), -1);
	assert_int_equal(otrack_npartitions(t), 1);
	otrack_free(t);
}

static void many_messages_grow_the_queue(void **state)
{
	struct otrack *t = otrack_new();

	(void)state;
	for (int64_t o = 0; o < 10000; o++) {
		otrack_begin(t, 0, o);
		otrack_handled(t, 0, o);
	}
	assert_int_equal(otrack_storable(t, 0), 10000);
	otrack_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(storable_only_after_outputs_are_delivered),
		cmocka_unit_test(an_unfinished_message_holds_back_later_ones),
		cmocka_unit_test(messages_without_outputs_complete_when_handled),
		cmocka_unit_test(partitions_are_independent_and_droppable),
		cmocka_unit_test(many_messages_grow_the_queue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
