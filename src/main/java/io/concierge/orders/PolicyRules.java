package io.concierge.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/**
 * The rules the {@link ChangePolicy} applies, as an administrator set them (see
 * {@link PolicySettings}).
 *
 * @param cancelInstantBefore a line is cancelled at once before it reaches this stage
 * @param cancelBefore from this stage on a line is no longer cancelled, not even with
 * approval
 * @param cancelInstantWithin how long after the order a cancellation is instant; later it
 * needs approval
 * @param addressInstantBefore the address changes at once before lines reach this stage
 * @param addressBefore from this stage on the address no longer changes
 * @param returnDays the return window, counted in days from delivery
 * @param lateReturnDays days after the window in which a return may still be asked for,
 * with approval
 * @param approvalAbove orders worth more than this (in their own currency) need approval
 * for cancellations and returns
 * @param managedElsewhere channels whose orders are changed where they were placed (a
 * marketplace's own rules)
 * @param companyReturnsNeedApproval whether a company's returns always need approval
 * @param rescheduleCarriers the carriers that let a customer choose the delivery day
 */
public record PolicyRules(LineStatus cancelInstantBefore, LineStatus cancelBefore, Duration cancelInstantWithin,
		LineStatus addressInstantBefore, LineStatus addressBefore, int returnDays, int lateReturnDays,
		BigDecimal approvalAbove, Set<Channel> managedElsewhere, boolean companyReturnsNeedApproval,
		Set<String> rescheduleCarriers) {

	public PolicyRules {
		if (!cancelInstantBefore.isStage() || !cancelBefore.isStage() || !addressInstantBefore.isStage()
				|| !addressBefore.isStage()) {
			throw new IllegalArgumentException("The policy's limits are stages from placed to delivered");
		}
		if (cancelInstantBefore.isAfter(cancelBefore) || addressInstantBefore.isAfter(addressBefore)) {
			throw new IllegalArgumentException("What is instant must end before what needs approval does");
		}
		if (returnDays < 0 || lateReturnDays < 0 || approvalAbove.signum() < 0 || cancelInstantWithin.isNegative()) {
			throw new IllegalArgumentException("Days, durations and amounts of the policy are not negative");
		}
		managedElsewhere = Set.copyOf(managedElsewhere);
		rescheduleCarriers = Set.copyOf(rescheduleCarriers);
	}

}
