"""After the sale: follow-ups, survey answers, complaints and owner events."""

from datetime import timedelta

from markupsafe import Markup

from .catalogue import SURVEY_COMMENTS

# Share of survey invitations that customers answer, and share of answers
# that are unhappy (an NPS below the store's complaint threshold).
ANSWER_SHARE = 0.7
UNHAPPY_SHARE = 0.2
OWNER_EVENTS = [
    ("Spring Service Clinic", 300),
    ("Owner Club: Coastal Drive to Half Moon Bay", 200),
    ("Hybrid Care Workshop", 90),
    ("Owner Club: Holiday Breakfast", 25),
]


class AftercareMixin:
    """Date the follow-ups and record survey answers, complaints and events."""

    def _date_followups(self, record, event_date):
        """Move the follow-ups planned for ``record`` to its real event date.

        Activities due before today are marked done, as the staff did them.
        """
        followups = self.env["autocrm.followup"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )
        for followup in followups:
            due = event_date + timedelta(days=followup.rule_id.delay_days)
            followup.due_date = due
            activity = followup.activity_id
            if not activity:
                continue
            if due < self.today:
                activity.action_feedback(feedback="Called, customer is happy.")
            else:
                activity.date_deadline = due

    def _answer_surveys(self, store):
        """Record the due surveys: most customers reply, some of them unhappy.

        A low score opens a complaint through the module's own rule.
        """
        rng = self._rng(store, "surveys")
        followups = self.env["autocrm.followup"].search(
            [
                ("company_id", "=", store.company.id),
                ("state", "=", "planned"),
                ("rule_id.action_type", "=", "survey"),
                ("due_date", "<=", self.today),
            ],
            order="due_date, id",
        )
        nps_question = {}
        for followup in followups:
            survey = followup.rule_id.survey_id
            # No invitation e-mail is queued: the demo customers do not exist.
            answer = followup._create_survey_answer()
            followup.write({"state": "sent", "user_input_id": answer.id})
            answered_on = self._at(
                (self.today - followup.due_date).days, hour=rng.randint(9, 20)
            )
            self._set_create_date(answer, answered_on)
            if rng.random() > ANSWER_SHARE:
                continue
            unhappy = rng.random() < UNHAPPY_SHARE
            score = rng.randint(2, 6) if unhappy else rng.choice([8, 9, 9, 10, 10])
            if survey not in nps_question:
                nps_question[survey] = survey.question_ids.filtered("is_nps")[:1]
            answer._save_lines(nps_question[survey], score)
            comment = survey.question_ids.filtered(
                lambda question: question.question_type == "text_box"
            )[:1]
            if comment and (unhappy or rng.random() < 0.4):
                text = rng.choice(SURVEY_COMMENTS["bad" if unhappy else "good"])
                answer._save_lines(comment, text)
            answer._mark_done()
            answer.end_datetime = answered_on
            answer.complaint_ids.write({"reported_on": answered_on})

    def _work_on_complaints(self, store):
        """Resolve the older complaints; recent ones stay open or in progress."""
        rng = self._rng(store, "complaints")
        complaints = self.env["autocrm.complaint"].search(
            [("company_id", "=", store.company.id)], order="reported_on, id"
        )
        for complaint in complaints:
            age = (self.now - complaint.reported_on).days
            if age < 3:
                continue
            complaint.action_start()
            if age < 10 and rng.random() < 0.6:
                continue
            complaint.write(
                {
                    "resolution": Markup("<p>%s</p>")
                    % rng.choice(
                        [
                            "Apologised and offered a free oil change.",
                            "Service manager called the customer; rework done "
                            "the next day.",
                            "Explained the delay; courtesy car for the next visit.",
                        ]
                    ),
                    "state": "resolved" if age < 60 else "closed",
                    "resolved_on": complaint.reported_on
                    + timedelta(hours=rng.randint(4, 70)),
                }
            )
        # One complaint still new two days after it was reported.
        customer = rng.choice(store.delivered_vehicles).owner_id
        self.env["autocrm.complaint"].create(
            {
                "name": "Second visit for the same rattle",
                "partner_id": customer.id,
                "category": "service",
                "severity": "high",
                "company_id": store.company.id,
                "user_id": store.user("customer.service").id,
                "reported_on": self.now - timedelta(days=2),
            }
        )

    def _create_owner_events(self, store):
        """Hold owner events; loyal owners attended several of them."""
        rng = self._rng(store, "events")
        owners = (store.delivered_vehicles | store.owner_vehicles).owner_id
        regulars = owners[: max(len(owners) // 5, 1)]
        event_type = self.env.ref("autocrm_crm.event_type_owner_club")
        for name, days_ago in OWNER_EVENTS + [("Owner Club: Summer BBQ", -20)]:
            begin = self._at(days_ago, hour=10)
            event = store.env["event.event"].create(
                {
                    "name": f"{name} ({store.spec['city']})",
                    "is_owner_event": True,
                    "event_type_id": event_type.id,
                    "company_id": store.company.id,
                    "date_begin": begin,
                    "date_end": begin + timedelta(hours=5),
                }
            )
            guests = regulars | owners.filtered(lambda _owner: rng.random() < 0.2)
            state = "done" if days_ago > 0 else "open"
            self.env["event.registration"].create(
                [
                    {"event_id": event.id, "partner_id": guest.id, "state": state}
                    for guest in guests
                ]
            )
