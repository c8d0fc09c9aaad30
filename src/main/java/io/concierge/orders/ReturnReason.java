package io.concierge.orders;

/**
 * Why a customer sends something back.
 */
public enum ReturnReason {

	DAMAGED, DEFECTIVE, WRONG_ITEM, NOT_AS_DESCRIBED, DOES_NOT_FIT, CHANGED_MIND, ARRIVED_TOO_LATE, OTHER

}
