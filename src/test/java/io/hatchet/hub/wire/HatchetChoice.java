package io.hatchet.hub.wire;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test whose rule is hatchet's choice where the specifications leave one (or where hatchet
 * departs from what they say), rather than a rule of the specifications. Tagged
 * {@code hatchet-choice}, and run only against the embedded hub: a reference server is not bound by
 * it, so against {@code -Dhatchet.conformance.url=...} it is skipped.
 */
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target({ElementType.METHOD, ElementType.TYPE})
@Tag("hatchet-choice")
@ExtendWith(HatchetChoice.EmbeddedOnly.class)
@interface HatchetChoice {
  /** What hatchet chose, for the reader. */
  String value();

  /** Skips the test when the tests run against an external server. */
  final class EmbeddedOnly implements ExecutionCondition {
    @Override public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext c) {
      return Target.embedded()
          ? ConditionEvaluationResult.enabled("embedded hub")
          : ConditionEvaluationResult.disabled("a hatchet choice: for the embedded hub only");
    }
  }
}
