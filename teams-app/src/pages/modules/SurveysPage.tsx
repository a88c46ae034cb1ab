/** Route /surveys (and /surveys/answer/<schoolId>/<surveyId>): アンケート (issue 7), its own lazy chunk; the builder, survey page, answering and Forms views are further chunks. */
export { default } from "../../surveys/SurveysPage.js";
