"""The grant pages: the public 公示 (no login), the office's workspace, entry and review.

Thin: forms validate, actions in ``services`` decide and write; refusals become messages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST

from luoshi.core import clock
from luoshi.core.documents.download import download
from luoshi.core.errors import Conflict, Forbidden, Invalid
from luoshi.core.personal import mask_name
from luoshi.core.uploads import MAX_EVIDENCE_BYTES
from luoshi.grants import access, field, payments, reports, services
from luoshi.grants import publicity as publicity_actions
from luoshi.grants.forms import (
    ApplicationEntryForm,
    ObjectionForm,
    PublishForm,
    ResolveForm,
    ReviewForm,
)
from luoshi.grants.models import CATEGORY_NAMES, Evidence, GrantYear, Payment, Publicity
from luoshi.grants.workflow import LEVEL_NAMES, STATE_NAMES, Level, State

LIST_ROWS = 50
LIST_FIELDS = ("student_name", "id_masked", "college", "amount", "state", "visit_sampled",
               "school__unit__name", "year__year")  # fmt: skip


def _current_year() -> GrantYear:
    year = GrantYear.objects.order_by("-year").first()
    if year is None:
        year = GrantYear.objects.create(year=clock.today().year)
    return year


# --- public ---------------------------------------------------------------------------------


def publicity_list(request: HttpRequest) -> HttpResponse:
    publicities = Publicity.objects.select_related("office__unit", "year").annotate(
        people=Count("applications")
    )[:50]
    return render(
        request, "grants/publicity_list.html", {"nav": "grants", "publicities": publicities}
    )


def publicity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publicity = get_object_or_404(Publicity.objects.select_related("office__unit"), pk=pk)
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = None
        if form.cleaned_data["application"]:
            listed_ids = publicity.applications.order_by("school__unit__name", "id")
            position = form.cleaned_data["application"]
            application = listed_ids[position - 1] if position <= listed_ids.count() else None
        publicity_actions.RaiseObjection(
            request.user,  # type: ignore[arg-type]
            publicity,
            form.cleaned_data["text"],
            form.cleaned_data["raised_by"],
            application,
        ).run()
        messages.success(request, "异议已提交,公示单位将核实处理。")
        return redirect("grants:publicity", pk=pk)
    listed = publicity.applications.order_by("school__unit__name", "id").values_list(
        "pk", "student_name", "school__unit__name", "college", "amount"
    )
    rows = [
        {"pk": pk, "name": mask_name(name), "school": school, "college": college, "amount": amount}
        for pk, name, school, college, amount in listed
    ]
    context = {
        "nav": "grants",
        "publicity": publicity,
        "rows": rows,
        "total": sum(r["amount"] for r in rows),
        "open": publicity.state == Publicity.State.OPEN and clock.today() <= publicity.ends,
        "form": form,
        "level_name": LEVEL_NAMES[Level(publicity.level)],
    }
    return render(
        request, "grants/publicity_detail.html", context, status=400 if form.errors else 200
    )


# --- the office's pages ----------------------------------------------------------------------


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    office = access.office_of(request.user)  # type: ignore[arg-type]
    year = _current_year()
    applications = access.visible_applications(office).filter(year=year)
    counts = dict(applications.values_list("state").annotate(n=Count("id")))
    waiting = applications.filter(state=State.IN_REVIEW, level=office.level)
    state = request.GET.get("state", "")
    listed = (
        applications.filter(state=state) if state in State.__members__.values() else applications
    )
    context = {
        "nav": "grants",
        "office": office,
        "year": year,
        "counts": [(s.value, STATE_NAMES[s], counts.get(s.value, 0)) for s in State],
        "state": state,
        "waiting": waiting.only(*LIST_FIELDS)[:LIST_ROWS],
        "waiting_total": waiting.count(),
        "applications": listed.only(*LIST_FIELDS).order_by("-updated_at")[:LIST_ROWS],
        "total": sum(counts.values()),
        "publicities": access.own_publicities(office).filter(year=year),
        "publish_form": PublishForm(initial={"starts": clock.today()}),
        "is_school": office.level == Level.SCHOOL,
        "publishes": office.level in {Level.SCHOOL, Level.COUNTY, Level.CITY},
        "is_county": office.level == Level.COUNTY,
        "draws": office.draws.filter(year=year),
    }
    return render(request, "grants/workspace.html", context)


@login_required
def new_application(request: HttpRequest) -> HttpResponse:
    form = ApplicationEntryForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            application = services.RegisterApplication(
                request.user,  # type: ignore[arg-type]
                _current_year(),
                form.to_entry(),
            ).run()
        except (Invalid, Conflict) as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            messages.success(
                request, f"已录入 {application.student_name} 的申请,请上传证明材料后提交。"
            )
            return redirect("grants:application", pk=application.pk)
    if form.errors and status == 200:
        status = 400
    return render(
        request, "grants/application_form.html", {"nav": "grants", "form": form}, status=status
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    office = access.office_of(request.user)  # type: ignore[arg-type]
    application = access.get_application(office, pk)
    user = request.user
    review = services.ReviewApplication(user, application, "approved")  # type: ignore[arg-type]
    context = {
        "nav": "grants",
        "office": office,
        "a": application,
        "categories": [CATEGORY_NAMES.get(c, c) for c in application.categories],  # type: ignore[call-overload]
        "can_submit": services.SubmitApplication(user, application).allowed(),  # type: ignore[arg-type]
        "can_review": review.allowed() or _may_refuse(review),
        "review_form": ReviewForm(),
        "decisions": application.decisions.select_related("actor"),
        "visits": application.visits.all(),
        "evidence": application.evidence.all(),
        "evidence_kinds": Evidence.Kind.choices,
        "can_upload": office.level == Level.SCHOOL
        and application.state in (State.DRAFT, State.RETURNED),
        "payment": Payment.objects.filter(application=application).first(),
        "can_visit": office.level in (Level.SCHOOL, Level.COUNTY),
        "today": clock.today(),
        "state_name": STATE_NAMES[State(application.state)],
        "level_name": LEVEL_NAMES[Level(application.level)],
    }
    return render(request, "grants/application_detail.html", context)


def _may_refuse(review: services.ReviewApplication) -> bool:
    """An office holding an application may return or refuse it even when it is ineligible."""
    refuse = services.ReviewApplication(review.actor, review.application, "rejected", "—")
    return refuse.allowed()


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.get_application(access.office_of(request.user), pk)  # type: ignore[arg-type]
    services.SubmitApplication(request.user, application).run()  # type: ignore[arg-type]
    messages.success(request, "已提交学校审核。")
    return redirect("grants:application", pk=pk)


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.get_application(access.office_of(request.user), pk)  # type: ignore[arg-type]
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择审核结论")
        return redirect("grants:application", pk=pk)
    services.ReviewApplication(
        request.user,
        application,
        form.cleaned_data["outcome"],
        form.cleaned_data["reason"],  # type: ignore[arg-type]
    ).run()
    messages.success(request, "审核意见已记录。")
    return redirect("grants:workspace")


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写公示开始日期")
        return redirect("grants:workspace")
    publicity = publicity_actions.PublishList(
        request.user, _current_year(), form.cleaned_data["starts"]
    ).run()  # type: ignore[arg-type]
    messages.success(request, f"已发布公示,公示期至{publicity.ends:%Y年%-m月%-d日}。")
    return redirect("grants:publicity", pk=publicity.pk)


@login_required
@require_POST
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    publicity = get_object_or_404(Publicity, pk=pk)
    publicity_actions.ForwardList(request.user, publicity).run()  # type: ignore[arg-type]
    messages.success(request, "公示期满,名单已报送。")
    return redirect("grants:workspace")


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    publicity = get_object_or_404(Publicity, pk=pk)
    objection = get_object_or_404(publicity.objections, pk=request.POST.get("objection") or 0)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写处理结果")
    else:
        publicity_actions.ResolveObjection(
            request.user, objection, form.cleaned_data["resolution"]
        ).run()  # type: ignore[arg-type]
        messages.success(request, "异议处理结果已记录。")
    return redirect("grants:publicity", pk=pk)


# --- payment, report and dashboard ------------------------------------------------------------


def _deciding_office(request: HttpRequest) -> Any:
    office = access.office_of(request.user)  # type: ignore[arg-type]
    if office.level not in access.DECIDING_LEVELS:
        raise Forbidden("仅限市学生资助事务中心和市教育局")
    return office


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _deciding_office(request)
    year = _current_year()
    figures = reports.year_figures(year)
    context = {
        "nav": "grants",
        "year": year,
        "figures": figures,
        "city_left": figures.budget_city - figures.paid_city,
        "county_left": figures.budget_county - figures.paid_county,
        "payable": payments.payable(year).count(),
    }
    return render(request, "grants/dashboard.html", context)


@login_required
@require_POST
def prepare_payments(request: HttpRequest) -> HttpResponse:
    made = payments.PreparePayments(request.user, _current_year()).run()  # type: ignore[arg-type]
    messages.success(request, f"已制发资助专用存单 {len(made)} 份。")
    return redirect("grants:dashboard")


@login_required
def bank_batch(request: HttpRequest) -> HttpResponse:
    year = _current_year()
    data = payments.bank_batch(year, access.office_of(request.user))  # type: ignore[arg-type]
    return download(data, f"{year.year}年资助专用存单清单.xlsx")


@login_required
def yearly_report(request: HttpRequest) -> HttpResponse:
    office = _deciding_office(request)
    year = _current_year()
    return download(reports.yearly_report(year, office.unit.name), reports.report_filename(year))


@login_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment(request, pk)
    signed_on = parse_date(request.POST.get("signed_on", "")[:10] or "")
    if signed_on is None:
        raise Invalid("请填写签领日期")
    payments.RecordSignature(request.user, payment, signed_on).run()  # type: ignore[arg-type]
    messages.success(request, "已记录学生签领。")
    return redirect("grants:application", pk=payment.application_id)


@login_required
@require_POST
def clawback(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _payment(request, pk)
    payments.OpenClawback(
        request.user,  # type: ignore[arg-type]
        payment,
        request.POST.get("reason", "")[:2000],
        request.POST.get("report", "")[:5000],
    ).run()
    messages.success(request, "已登记追回,书面报告已交市学生资助事务中心。")
    return redirect("grants:application", pk=payment.application_id)


def _payment(request: HttpRequest, pk: int) -> Payment:
    office = access.office_of(request.user)  # type: ignore[arg-type]
    return get_object_or_404(
        payments.paid_in(_current_year(), office).select_related("application"), pk=pk
    )


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.get_application(access.office_of(request.user), pk)  # type: ignore[arg-type]
    upload = request.FILES.get("file")
    if upload is None:
        raise Invalid("请选择文件")
    if upload.size and upload.size > MAX_EVIDENCE_BYTES:
        raise Invalid(f"文件过大,上限 {MAX_EVIDENCE_BYTES // 1048576} MB")
    field.UploadEvidence(
        request.user,  # type: ignore[arg-type]
        application,
        request.POST.get("kind", ""),
        upload.name or "file",
        upload.read(),
    ).run()
    messages.success(request, "材料已上传。")
    return redirect("grants:application", pk=pk)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("application"), pk=pk)
    field.read_evidence(request.user, evidence)  # type: ignore[arg-type]
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.name,
        content_type=evidence.content_type,
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def survey(request: HttpRequest) -> HttpResponse:
    office = access.office_of(request.user)  # type: ignore[arg-type]
    if office.level != Level.SCHOOL:
        raise Forbidden("摸底信息库由高中阶段学校维护")
    year = _current_year()
    if request.method == "POST":
        surveyed_on = parse_date(request.POST.get("surveyed_on", "")[:10] or "")
        if surveyed_on is None:
            raise Invalid("请填写摸底日期")
        field.AddSurveyEntry(
            request.user,  # type: ignore[arg-type]
            year,
            request.POST.get("student_name", "")[:32],
            request.POST.get("class_name", "")[:32],
            request.POST.get("situation", "")[:2000],
            request.POST.getlist("categories"),
            surveyed_on,
        ).run()
        messages.success(request, "已登记。")
        return redirect("grants:survey")
    context = {
        "nav": "grants",
        "office": office,
        "year": year,
        "entries": office.survey.filter(year=year).select_related("application"),
        "due": field.survey_due(year),
        "categories": CATEGORY_NAMES.items(),
        "today": clock.today(),
    }
    return render(request, "grants/survey.html", context)


@login_required
@require_POST
def draw_sample(request: HttpRequest) -> HttpResponse:
    draw = field.DrawVisitSample(
        request.user,
        _current_year(),
        request.POST.get("seed", ""),  # type: ignore[arg-type]
    ).run()
    messages.success(request, f"已随机抽取 {len(draw.chosen)} 户入户核查(种子:{draw.seed})。")
    return redirect("grants:workspace")


@login_required
@require_POST
def home_visit(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.get_application(access.office_of(request.user), pk)  # type: ignore[arg-type]
    visited_on = parse_date(request.POST.get("visited_on", "")[:10] or "")
    if visited_on is None:
        raise Invalid("请填写入户日期")
    field.RecordHomeVisit(
        request.user,  # type: ignore[arg-type]
        application,
        visited_on,
        request.POST.get("findings", "")[:2000],
        request.POST.get("confirmed") == "yes",
    ).run()
    messages.success(request, "入户调查已记录。")
    return redirect("grants:application", pk=pk)
