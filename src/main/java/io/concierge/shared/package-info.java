/**
 * Value types every module speaks: money, email addresses, the contracts for auditable
 * events and demo data. Records and interfaces only, no beans.
 */
@ApplicationModule(displayName = "Shared")
@NullMarked
package io.concierge.shared;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
