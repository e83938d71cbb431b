"""Reports that look ahead and across the council, for service managers and performance
analysts: the forecasts of national thresholds (issue 16 item 2), built on the measures in
``homeward.domain.measures``."""
