"""Date and number formats for Urdu (Pakistan); Django ships none for "ur".

Without this module Urdu pages fall back to the American defaults ("مارچ 10, 2027",
"03/10/2027"). Pakistani usage is day-month-year, the Urdu comma "،" between date and time, a
24-hour clock for schedules, and Western digits (the digits of Pakistani forms, banking and
timetables), so dates and times stay the same characters as in the English and Russian pages.
Formats use Django's date-format syntax:
https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # '25/10/2026'
    "%d/%m/%y",  # '25/10/26'
    "%Y-%m-%d",  # '2026-10-25' (what <input type="date"> sends)
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # what <input type="datetime-local"> sends
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)  # lakh and crore: 12,34,567
