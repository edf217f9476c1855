"""Who gets what inside a network: every URL pattern, for GET and for its POST action, for every
kind of person (pretix's test_permissions.py, applied to the roles of the method).

Read a row of MATRIX as a sentence: "on the mentorship page, a member with no part gets 403, the
coordinator 200, …", in the order of the columns below. The answers:

    200      the page is shown (or, for a POST, the form is shown again with what was wrong)
    ok       a POST that was allowed and changed the database
    302      sent on with a message, nothing changed: only where the data leaves nothing to do
             (progress before the plan is approved; a response, a round or the adapted template
             that exists already), so the refusals on those rows are still tested
    400      the form was refused beside its fields, nothing changed
    403/404  refused, and nothing changed in the database
    405      the URL takes only POST

The columns, abbreviated above the table: mem(ber with no part), cor (coordinator), adm(in),
fac(ilitator of the programme), els (facilitator elsewhere), fmr (former facilitator, moved down
to member), met (mentee team, the lead), mot (mentor team), mea (mentee association), moa (mentor
association), sup(port group), obs(erver), oth(er pair: mentee team of another mentorship of the
same programme). tests/permissions/actors.py makes them.

Every row also checks two people not in the columns: an anonymous visitor is sent to sign in,
and the admin of another network gets 404; neither changes anything. A URL pattern or a
programme role without a row or a column fails `test_every_url_and_role_has_its_row`.

The table follows Annex 1 (mentoring is confidential: the coordinators and facilitators see a
mentorship's status, dates, shared summary and plan, never its needs analysis, self-assessment or
private notes), Annex 3 (a city and its association write their own strengths) and Annex 5 (the
support group reads the needs analysis and the action plan and comments on both).
"""

import pytest
from django.urls import reverse

from programmes.mentorships.models import ProgrammeRole
from tests.isolation.test_every_url import TENANT_URLS
from tests.permissions.actors import COLUMNS, PROGRAMME_ROLES, make_actors, matrix_objects, rendered_file_for
from tests.permissions.matrix import POST_ACTIONS, database_state, outcome, signed_in_clients
from tests.permissions.payloads import PAYLOADS

#                                                    mem cor adm fac els fmr met mot mea moa sup obs oth
MATRIX = {
    ("action_add", "GET"):                           "403 403 403 403 403 403 200 403 403 403 403 403 403",
    ("action_add", "POST"):                          "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("action_comment", "GET"):                       "403 403 403 403 403 403 200 200 200 200 200 403 403",
    ("action_comment", "POST"):                      "403 403 403 403 403 403 ok  ok  ok  ok  ok  403 403",
    ("action_delete", "GET"):                        "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("action_delete", "POST"):                       "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("action_edit", "GET"):                          "403 403 403 403 403 403 200 403 403 403 403 403 403",
    ("action_edit", "POST"):                         "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("action_move", "GET"):                          "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("action_move", "POST"):                         "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("action_plan", "GET"):                          "403 200 200 200 403 403 200 200 200 200 200 200 403",
    ("action_plan_compare", "GET"):                  "403 302 302 302 403 403 302 302 302 302 302 302 403",
    ("action_plan_export", "GET"):                   "403 200 200 200 403 403 200 200 200 200 200 200 403",
    ("action_plan_pdf", "GET"):                      "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("action_plan_pdf", "POST"):                     "403 ok  ok  ok  403 403 ok  ok  ok  ok  ok  ok  403",
    ("action_plan_transition", "GET"):               "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("action_plan_transition", "POST"):              "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("action_progress", "GET"):                      "403 403 403 403 403 403 302 403 403 403 403 403 403",
    ("action_progress", "POST"):                     "403 403 403 403 403 403 302 403 403 403 403 403 403",
    ("action_row", "GET"):                           "403 200 200 200 403 403 200 200 200 200 200 200 403",
    ("benchmark_create", "GET"):                     "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("benchmark_create", "POST"):                    "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("benchmark_detail", "GET"):                     "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("benchmark_edit", "GET"):                       "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("benchmark_edit", "POST"):                      "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("benchmark_export", "GET"):                     "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("benchmark_import", "GET"):                     "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("benchmark_import", "POST"):                    "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("benchmark_install_shipped", "GET"):            "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("benchmark_install_shipped", "POST"):           "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("benchmark_list", "GET"):                       "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("benchmark_new_draft", "GET"):                  "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("benchmark_new_draft", "POST"):                 "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("benchmark_publish", "GET"):                    "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("benchmark_publish", "POST"):                   "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("context_factor_create", "GET"):                "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("context_factor_create", "POST"):               "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("context_factor_delete", "GET"):                "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("context_factor_delete", "POST"):               "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("context_factor_edit", "GET"):                  "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("context_factor_edit", "POST"):                 "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_association", "GET"):                "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("directory_association_contact_new", "GET"):    "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_association_contact_new", "POST"):   "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_association_delete", "GET"):         "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_association_delete", "POST"):        "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_association_edit", "GET"):           "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_association_edit", "POST"):          "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_association_new", "GET"):            "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_association_new", "POST"):           "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_associations", "GET"):               "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("directory_cities", "GET"):                     "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("directory_city", "GET"):                       "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("directory_city_contact_new", "GET"):           "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_city_contact_new", "POST"):          "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_city_delete", "GET"):                "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_city_delete", "POST"):               "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_city_edit", "GET"):                  "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_city_edit", "POST"):                 "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_city_new", "GET"):                   "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_city_new", "POST"):                  "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_city_representative_add", "GET"):    "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("directory_city_representative_add", "POST"):   "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_city_representative_remove", "GET"): "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("directory_city_representative_remove", "POST"): "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_contact_delete", "GET"):             "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_contact_delete", "POST"):            "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("directory_contact_edit", "GET"):               "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("directory_contact_edit", "POST"):              "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("facilitator_add", "GET"):                      "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("facilitator_add", "POST"):                     "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("facilitator_remove", "GET"):                   "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("facilitator_remove", "POST"):                  "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("good_practice_create", "GET"):                 "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("good_practice_create", "POST"):                "ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok",
    ("good_practice_detail", "GET"):                 "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("good_practice_edit", "GET"):                   "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("good_practice_edit", "POST"):                  "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("good_practice_list", "GET"):                   "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("key_factor_create", "GET"):                    "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("key_factor_create", "POST"):                   "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("key_factor_delete", "GET"):                    "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("key_factor_delete", "POST"):                   "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("key_factor_edit", "GET"):                      "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("key_factor_edit", "POST"):                     "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("key_factor_move", "GET"):                      "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("key_factor_move", "POST"):                     "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("mentor_strengths", "GET"):                     "403 200 200 200 200 403 200 403 200 403 403 403 403",
    ("mentor_strengths_answer", "GET"):              "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("mentor_strengths_answer", "POST"):             "403 ok  ok  403 403 403 ok  403 403 403 403 403 403",
    ("mentor_strengths_comment", "GET"):             "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("mentor_strengths_comment", "POST"):            "403 ok  ok  ok  ok  403 ok  403 ok  403 403 403 403",
    ("mentor_strengths_compare", "GET"):             "403 302 302 302 302 403 302 403 302 403 403 403 403",
    ("mentor_strengths_resolve", "GET"):             "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("mentor_strengths_resolve", "POST"):            "403 ok  ok  403 403 403 ok  403 403 403 403 403 403",
    ("mentor_strengths_start", "GET"):               "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("mentor_strengths_start", "POST"):              "403 302 302 403 403 403 302 403 302 403 403 403 403",
    ("mentor_strengths_submit", "GET"):              "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("mentor_strengths_submit", "POST"):             "403 ok  ok  403 403 403 ok  403 403 403 403 403 403",
    ("mentorship_choose_mentor", "GET"):             "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("mentorship_choose_mentor", "POST"):            "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("mentorship_content", "GET"):                   "403 403 403 403 403 403 200 200 403 403 403 403 403",
    ("mentorship_content", "POST"):                  "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("mentorship_create", "GET"):                    "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("mentorship_create", "POST"):                   "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("mentorship_detail", "GET"):                    "403 200 200 200 403 403 200 200 200 200 200 200 403",
    ("mentorship_edit", "GET"):                      "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("mentorship_edit", "POST"):                     "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("mentorship_matching", "GET"):                  "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("milestone_create", "GET"):                     "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("milestone_create", "POST"):                    "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("milestone_delete", "GET"):                     "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("milestone_delete", "POST"):                    "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("milestone_edit", "GET"):                       "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("milestone_edit", "POST"):                      "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("milestone_record", "GET"):                     "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("milestone_record", "POST"):                    "403 ok  ok  403 403 403 ok  ok  403 403 403 403 403",
    ("needs_analysis", "GET"):                       "403 403 403 403 403 403 200 200 200 200 200 200 403",
    ("needs_analysis_answer", "GET"):                "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("needs_analysis_answer", "POST"):               "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("needs_analysis_comment", "GET"):               "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("needs_analysis_comment", "POST"):              "403 403 403 403 403 403 ok  ok  ok  ok  ok  403 403",
    ("needs_analysis_compare", "GET"):               "403 403 403 403 403 403 302 302 302 302 302 302 403",
    ("needs_analysis_pdf", "GET"):                   "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("needs_analysis_pdf", "POST"):                  "403 403 403 403 403 403 ok  ok  ok  ok  ok  ok  403",
    ("needs_analysis_resolve", "GET"):               "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("needs_analysis_resolve", "POST"):              "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("needs_analysis_start", "GET"):                 "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("needs_analysis_start", "POST"):                "403 403 403 403 403 403 302 302 302 302 403 403 403",
    ("needs_analysis_submit", "GET"):                "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("needs_analysis_submit", "POST"):               "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("network_change_role", "GET"):                  "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("network_change_role", "POST"):                 "403 403 ok  403 403 403 403 403 403 403 403 403 403",
    ("mentorship_mention_candidates", "GET"):        "403 403 403 403 403 403 200 200 200 200 200 200 403",
    ("notification_list", "GET"):                    "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("notification_open", "GET"):                    "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("notification_open", "POST"):                   "404 404 404 404 404 404 ok  404 404 404 404 404 404",
    ("notification_read", "GET"):                    "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("notification_read", "POST"):                   "404 404 404 404 404 404 ok  404 404 404 404 404 404",
    ("notifications_all_read", "GET"):               "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("notifications_all_read", "POST"):              "302 302 302 302 302 302 ok  302 302 302 302 302 302",
    ("network_home", "GET"):                         "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("network_invite", "GET"):                       "403 403 302 403 403 403 403 403 403 403 403 403 403",
    ("network_invite", "POST"):                      "403 403 ok  403 403 403 403 403 403 403 403 403 403",
    ("network_members", "GET"):                      "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("network_remove_member", "GET"):                "403 403 200 403 403 403 403 403 403 403 403 403 403",
    ("network_remove_member", "POST"):               "403 403 ok  403 403 403 403 403 403 403 403 403 403",
    ("network_resend_invitation", "GET"):            "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("network_resend_invitation", "POST"):           "403 403 ok  403 403 403 403 403 403 403 403 403 403",
    ("network_revoke_invitation", "GET"):            "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("network_revoke_invitation", "POST"):           "403 403 ok  403 403 403 403 403 403 403 403 403 403",
    ("network_settings", "GET"):                     "403 403 200 403 403 403 403 403 403 403 403 403 403",
    ("network_settings", "POST"):                    "403 403 ok  403 403 403 403 403 403 403 403 403 403",
    ("participant_invite", "GET"):                   "403 200 200 403 403 403 200 403 403 403 403 403 403",
    ("participant_invite", "POST"):                  "403 ok  ok  403 403 403 ok  403 403 403 403 403 403",
    ("participant_remove", "GET"):                   "403 200 200 403 403 403 200 403 403 403 403 403 403",
    ("participant_remove", "POST"):                  "403 ok  ok  403 403 403 ok  403 403 403 403 403 403",
    ("pdf_download", "GET"):                         "404 200 200 200 404 404 200 200 200 200 200 200 404",
    ("pdf_job", "GET"):                              "404 200 200 200 404 404 200 200 200 200 200 200 404",
    ("pdf_retry", "GET"):                            "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("pdf_retry", "POST"):                           "404 ok  ok  ok  404 404 ok  ok  ok  ok  ok  ok  404",
    ("programme_action_plans_export", "GET"):        "403 200 200 200 403 403 403 403 403 403 403 403 403",
    ("programme_create", "GET"):                     "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("programme_create", "POST"):                    "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("programme_dashboard_csv", "GET"):              "403 200 200 200 403 403 403 403 403 403 403 403 403",
    ("programme_detail", "GET"):                     "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("programme_edit", "GET"):                       "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("programme_edit", "POST"):                      "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("programme_focus", "GET"):                      "403 200 200 200 403 403 403 403 403 403 403 403 403",
    ("programme_list", "GET"):                       "200 200 200 200 200 200 200 200 200 200 200 200 200",
    ("programme_matching", "GET"):                   "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("programme_report_pdf", "GET"):                 "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("programme_report_pdf", "POST"):                "403 ok  ok  ok  403 403 403 403 403 403 403 403 403",
    ("programme_template", "GET"):                   "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("programme_template_adapt", "GET"):             "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("programme_template_adapt", "POST"):            "403 302 302 403 403 403 403 403 403 403 403 403 403",
    ("programme_template_new_version", "GET"):       "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("programme_template_new_version", "POST"):      "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("programme_template_question_add", "GET"):      "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("programme_template_question_add", "POST"):     "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("programme_template_question_delete", "GET"):   "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("programme_template_question_delete", "POST"):  "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("programme_template_question_edit", "GET"):     "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("programme_template_question_edit", "POST"):    "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("reminder_rule_delete", "GET"):                 "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("reminder_rule_delete", "POST"):                "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("reminder_rules", "GET"):                       "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("reminder_rules", "POST"):                      "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("self_assessment", "GET"):                      "403 403 403 403 403 403 200 200 200 200 200 200 403",
    ("self_assessment_comment", "GET"):              "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("self_assessment_comment", "POST"):             "403 403 403 403 403 403 ok  ok  ok  ok  403 403 403",
    ("self_assessment_complete", "GET"):             "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("self_assessment_complete", "POST"):            "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("self_assessment_context", "GET"):              "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("self_assessment_context", "POST"):             "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("self_assessment_rate", "GET"):                 "403 403 403 403 403 403 200 200 200 200 200 200 403",
    ("self_assessment_rate", "POST"):                "403 403 403 403 403 403 ok  403 403 403 403 403 403",
    ("self_assessment_start", "GET"):                "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("self_assessment_start", "POST"):               "403 403 403 403 403 403 302 403 403 403 403 403 403",
    ("support_group", "GET"):                        "403 200 200 403 403 403 200 403 403 403 403 403 403",
    ("support_group", "POST"):                       "403 ok  ok  403 403 403 ok  403 403 403 403 403 403",
    ("support_group_member_edit", "GET"):            "403 200 200 403 403 403 200 403 403 403 403 403 403",
    ("support_group_member_edit", "POST"):           "403 ok  ok  403 403 403 ok  403 403 403 403 403 403",
    ("support_group_member_remove", "GET"):          "403 200 200 403 403 403 200 403 403 403 403 403 403",
    ("support_group_member_remove", "POST"):         "403 ok  ok  403 403 403 ok  403 403 403 403 403 403",
    ("training_agenda_add", "GET"):                  "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("training_agenda_add", "POST"):                 "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_agenda_delete", "GET"):               "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("training_agenda_delete", "POST"):              "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_agenda_edit", "GET"):                 "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("training_agenda_edit", "POST"):                "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_attendance", "GET"):                  "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("training_attendance", "POST"):                 "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_create", "GET"):                      "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("training_create", "POST"):                     "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_detail", "GET"):                      "403 200 200 200 403 403 200 200 200 200 200 200 200",
    ("training_edit", "GET"):                        "403 200 200 403 403 403 403 403 403 403 403 403 403",
    ("training_edit", "POST"):                       "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_follow_up_add", "GET"):               "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("training_follow_up_add", "POST"):              "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_follow_up_done", "GET"):              "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("training_follow_up_done", "POST"):             "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_ics", "GET"):                         "403 200 200 200 403 403 200 200 200 200 200 200 200",
    ("training_list", "GET"):                        "403 200 200 200 403 403 200 200 200 200 200 200 200",
    ("training_participants", "GET"):                "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("training_participants", "POST"):               "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_report", "GET"):                      "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("training_report", "POST"):                     "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("training_status", "GET"):                      "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("training_status", "POST"):                     "403 ok  ok  403 403 403 403 403 403 403 403 403 403",
    ("visit_agenda_add", "GET"):                     "403 403 403 403 403 403 200 200 403 403 403 403 403",
    ("visit_agenda_add", "POST"):                    "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_agenda_delete", "GET"):                  "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("visit_agenda_delete", "POST"):                 "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_agenda_edit", "GET"):                    "403 403 403 403 403 403 200 200 403 403 403 403 403",
    ("visit_agenda_edit", "POST"):                   "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_attendance", "GET"):                     "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("visit_attendance", "POST"):                    "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_create", "GET"):                         "403 403 403 403 403 403 200 200 403 403 403 403 403",
    ("visit_create", "POST"):                        "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_detail", "GET"):                         "403 200 200 200 403 403 200 200 200 200 200 200 403",
    ("visit_edit", "GET"):                           "403 403 403 403 403 403 200 200 403 403 403 403 403",
    ("visit_edit", "POST"):                          "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_follow_up_add", "GET"):                  "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("visit_follow_up_add", "POST"):                 "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_follow_up_done", "GET"):                 "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("visit_follow_up_done", "POST"):                "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_ics", "GET"):                            "403 200 200 200 403 403 200 200 200 200 200 200 403",
    ("visit_list", "GET"):                           "403 200 200 200 403 403 200 200 200 200 200 200 403",
    ("visit_participants", "GET"):                   "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("visit_participants", "POST"):                  "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_report", "GET"):                         "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("visit_report", "POST"):                        "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
    ("visit_status", "GET"):                         "405 405 405 405 405 405 405 405 405 405 405 405 405",
    ("visit_status", "POST"):                        "403 403 403 403 403 403 ok  ok  403 403 403 403 403",
}

# Where the matrix fills a URL otherwise than the isolation test: the first action row moves
# down (it is first already), a draft benchmark is edited (a published one is frozen), a city and
# an association that nothing uses are deleted, and a city that is not the mentee is chosen as
# mentor.
DRAFT = {"benchmark": "draft_benchmark", "key_factor": "draft_key_factor",
         "context_factor": "draft_context_factor"}
OTHER_OBJECTS = {
    **{name: DRAFT for name in ("benchmark_edit", "benchmark_publish", "key_factor_create", "key_factor_edit",
                                "key_factor_delete", "key_factor_move", "context_factor_create",
                                "context_factor_edit", "context_factor_delete")},
    "directory_association_delete": {"association": "spare_association"},
    "directory_city_delete": {"city": "spare_city"},
    "mentorship_choose_mentor": {"city": "spare_city"},
    # Each person's notifications are their own: the mentee team's is the one to open.
    **{name: {"notification": "mentee_team_notification"} for name in ("notification_open", "notification_read")},
}
URL_ARGUMENTS = {"action_move": {"direction": "down"}}


def _url(name, objects):
    fills = TENANT_URLS[name] or {}
    if isinstance(fills, str):
        fills = {"pk": fills}
    instead = OTHER_OBJECTS.get(name, {})
    kwargs = {}
    for argument, key in fills.items():
        key = instead.get(key, key)
        kwargs[argument] = objects[key].pk if key in objects else key
    kwargs.update(URL_ARGUMENTS.get(name, {}))
    return reverse(name, kwargs={"network": "network-a", **kwargs})


def _rows():
    for name in sorted(TENANT_URLS):
        yield name, "GET"
        if name in POST_ACTIONS:
            yield name, "POST"


def test_every_url_and_role_has_its_row():
    assert sorted(MATRIX) == sorted(_rows()), "add the missing rows to MATRIX (and remove the extra ones)"
    assert all(len(expected.split()) == len(COLUMNS) for expected in MATRIX.values())
    assert set(PROGRAMME_ROLES.values()) == set(ProgrammeRole.values), "a programme role has no column"


@pytest.fixture
def people(client, network_a, network_b, admin_b, objects_of_a):
    """(actors, a signed-in client per person, the objects the URLs are filled with)."""
    actors = make_actors(network_a, objects_of_a)
    objects = {**objects_of_a, **matrix_objects(network_a, objects_of_a, actors)}
    clients = signed_in_clients({**actors, "admin of another network": admin_b})
    clients["anonymous"] = client
    pdf = rendered_file_for(objects["pdf_job"])
    yield actors, clients, objects
    pdf.unlink()


@pytest.mark.parametrize("name", sorted(TENANT_URLS))
def test_each_role_gets_what_the_method_gives_it(people, name):
    actors, clients, objects = people
    url = _url(name, objects)
    before = database_state()
    wrong = []
    for method in ("GET", "POST") if name in POST_ACTIONS else ("GET",):
        expected = dict(zip(COLUMNS, MATRIX[name, method].split(), strict=True))
        expected.update({"anonymous": "sign in", "admin of another network": "404"})
        for column, wanted in expected.items():
            # A page shown to someone allowed may write (the plan's first reading creates its
            # draft); everything else is compared with the database as it was.
            shown = method == "GET" and wanted == "200"
            # Made anew for every person: an uploaded file is read by the request that sends it.
            data = PAYLOADS[name](objects, actors) if method == "POST" and name in PAYLOADS else {}
            code, changed = outcome(clients[column], method, url, data, before=None if shown else before)
            if code != wanted:
                wrong.append(f"{method} as {column}: got {code}, the table says {wanted}")
            elif code not in {"ok", "200"} and changed:
                wrong.append(f"{method} as {column}: answered {code} but changed {', '.join(changed)}")
    assert not wrong, f"{name} ({url}):\n" + "\n".join(wrong)
