package io.concierge.support;

/**
 * What a customer's message to the support assistant asks for. {@link #UNKNOWN} is never
 * learnt: the classifier answers it when no intent is likely enough.
 */
enum Intent {

	WHERE_IS_MY_ORDER, WHEN_WILL_IT_ARRIVE, CANCEL_ORDER, RETURN_ITEM, GET_INVOICE, CHANGE_ADDRESS, RESET_SECOND_FACTOR,
	TALK_TO_AGENT, GREETING, UNKNOWN

}
