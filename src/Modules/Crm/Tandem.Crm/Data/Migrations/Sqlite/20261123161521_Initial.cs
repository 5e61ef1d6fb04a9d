using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Crm.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_account",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    segment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    lifecycle_stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    parent_account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_account", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_activity",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    remind_at = table.Column<long>(type: "INTEGER", nullable: true),
                    done = table.Column<bool>(type: "INTEGER", nullable: false),
                    done_at = table.Column<long>(type: "INTEGER", nullable: true),
                    lead_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    assignee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_activity", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_assignment_rule",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    counter = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_assignment_rule", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_attachment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    note_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    storage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_attachment", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_attachment_content",
                columns: table => new
                {
                    attachment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_attachment_content", x => x.attachment_id);
                });

            migrationBuilder.CreateTable(
                name: "crm_contact",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    job_title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_contact", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_lead",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    job_title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    disqualification_reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    score = table.Column<int>(type: "INTEGER", nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    converted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_lead", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_note",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    lead_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    author_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    author_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_note", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_opportunity",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    pipeline_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage_kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    stage_order = table.Column<int>(type: "INTEGER", nullable: false),
                    probability = table.Column<int>(type: "INTEGER", nullable: false),
                    expected_close_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    close_month = table.Column<int>(type: "INTEGER", nullable: false),
                    product_ids = table.Column<string>(type: "TEXT", nullable: false),
                    loss_reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    lead_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    amount_amount = table.Column<long>(type: "INTEGER", precision: 28, scale: 4, nullable: false),
                    amount_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    weighted_amount_amount = table.Column<long>(type: "INTEGER", precision: 28, scale: 4, nullable: false),
                    weighted_amount_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_opportunity", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_pipeline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_pipeline", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_record_share",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    shared_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_record_share", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_scoring_rule",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    points = table.Column<int>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_scoring_rule", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_team",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    manager_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_team", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crm_stage_change",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    opportunity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_stage_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    to_stage_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    to_stage_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_stage_change", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_stage_change_crm_opportunity_opportunity_id",
                        column: x => x.opportunity_id,
                        principalTable: "crm_opportunity",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_pipeline_stage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pipeline_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    order = table.Column<int>(type: "INTEGER", nullable: false),
                    probability = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_pipeline_stage", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_pipeline_stage_crm_pipeline_pipeline_id",
                        column: x => x.pipeline_id,
                        principalTable: "crm_pipeline",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "crm_team_member",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_crm_team_member", x => x.id);
                    table.ForeignKey(
                        name: "fk_crm_team_member_crm_team_team_id",
                        column: x => x.team_id,
                        principalTable: "crm_team",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_crm_account_company_id",
                table: "crm_account",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_account_company_id_created_at_id",
                table: "crm_account",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_account_company_id_name_id",
                table: "crm_account",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_account_company_id_owner_id",
                table: "crm_account",
                columns: new[] { "company_id", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_account_company_id_parent_account_id",
                table: "crm_account",
                columns: new[] { "company_id", "parent_account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_account_company_id_party_id",
                table: "crm_account",
                columns: new[] { "company_id", "party_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_account_company_id_team_id",
                table: "crm_account",
                columns: new[] { "company_id", "team_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activity_company_id",
                table: "crm_activity",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_activity_company_id_account_id_created_at",
                table: "crm_activity",
                columns: new[] { "company_id", "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activity_company_id_assignee_id_done_due_date",
                table: "crm_activity",
                columns: new[] { "company_id", "assignee_id", "done", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activity_company_id_contact_id_created_at",
                table: "crm_activity",
                columns: new[] { "company_id", "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activity_company_id_created_at_id",
                table: "crm_activity",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activity_company_id_lead_id_created_at",
                table: "crm_activity",
                columns: new[] { "company_id", "lead_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_activity_company_id_opportunity_id_created_at",
                table: "crm_activity",
                columns: new[] { "company_id", "opportunity_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_assignment_rule_company_id",
                table: "crm_assignment_rule",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_attachment_company_id",
                table: "crm_attachment",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_attachment_company_id_note_id",
                table: "crm_attachment",
                columns: new[] { "company_id", "note_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_contact_company_id",
                table: "crm_contact",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_contact_company_id_account_id_name",
                table: "crm_contact",
                columns: new[] { "company_id", "account_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_contact_company_id_name_id",
                table: "crm_contact",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_contact_company_id_party_id",
                table: "crm_contact",
                columns: new[] { "company_id", "party_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id",
                table: "crm_lead",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_created_at_id",
                table: "crm_lead",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_name_id",
                table: "crm_lead",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_owner_id",
                table: "crm_lead",
                columns: new[] { "company_id", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_score_id",
                table: "crm_lead",
                columns: new[] { "company_id", "score", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_status",
                table: "crm_lead",
                columns: new[] { "company_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_lead_company_id_team_id",
                table: "crm_lead",
                columns: new[] { "company_id", "team_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_note_company_id",
                table: "crm_note",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_note_company_id_account_id_created_at",
                table: "crm_note",
                columns: new[] { "company_id", "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_note_company_id_contact_id_created_at",
                table: "crm_note",
                columns: new[] { "company_id", "contact_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_note_company_id_created_at_id",
                table: "crm_note",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_note_company_id_lead_id_created_at",
                table: "crm_note",
                columns: new[] { "company_id", "lead_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_note_company_id_opportunity_id_created_at",
                table: "crm_note",
                columns: new[] { "company_id", "opportunity_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_opportunity_company_id",
                table: "crm_opportunity",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_opportunity_company_id_account_id",
                table: "crm_opportunity",
                columns: new[] { "company_id", "account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_opportunity_company_id_created_at_id",
                table: "crm_opportunity",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_opportunity_company_id_name_id",
                table: "crm_opportunity",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_opportunity_company_id_owner_id_close_month",
                table: "crm_opportunity",
                columns: new[] { "company_id", "owner_id", "close_month" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_opportunity_company_id_stage_id_expected_close_date_id",
                table: "crm_opportunity",
                columns: new[] { "company_id", "stage_id", "expected_close_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_opportunity_company_id_team_id",
                table: "crm_opportunity",
                columns: new[] { "company_id", "team_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_pipeline_company_id",
                table: "crm_pipeline",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_pipeline_company_id_name",
                table: "crm_pipeline",
                columns: new[] { "company_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_pipeline_stage_company_id",
                table: "crm_pipeline_stage",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_pipeline_stage_pipeline_id_order",
                table: "crm_pipeline_stage",
                columns: new[] { "pipeline_id", "order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_record_share_company_id",
                table: "crm_record_share",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_record_share_company_id_record_id_user_id",
                table: "crm_record_share",
                columns: new[] { "company_id", "record_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_record_share_company_id_user_id",
                table: "crm_record_share",
                columns: new[] { "company_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_scoring_rule_company_id",
                table: "crm_scoring_rule",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_stage_change_company_id",
                table: "crm_stage_change",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_stage_change_opportunity_id_at",
                table: "crm_stage_change",
                columns: new[] { "opportunity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_team_company_id",
                table: "crm_team",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_team_company_id_manager_id",
                table: "crm_team",
                columns: new[] { "company_id", "manager_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_team_company_id_name",
                table: "crm_team",
                columns: new[] { "company_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_crm_team_member_company_id",
                table: "crm_team_member",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_crm_team_member_company_id_user_id",
                table: "crm_team_member",
                columns: new[] { "company_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_crm_team_member_team_id_user_id",
                table: "crm_team_member",
                columns: new[] { "team_id", "user_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_account");

            migrationBuilder.DropTable(
                name: "crm_activity");

            migrationBuilder.DropTable(
                name: "crm_assignment_rule");

            migrationBuilder.DropTable(
                name: "crm_attachment");

            migrationBuilder.DropTable(
                name: "crm_attachment_content");

            migrationBuilder.DropTable(
                name: "crm_contact");

            migrationBuilder.DropTable(
                name: "crm_lead");

            migrationBuilder.DropTable(
                name: "crm_note");

            migrationBuilder.DropTable(
                name: "crm_pipeline_stage");

            migrationBuilder.DropTable(
                name: "crm_record_share");

            migrationBuilder.DropTable(
                name: "crm_scoring_rule");

            migrationBuilder.DropTable(
                name: "crm_stage_change");

            migrationBuilder.DropTable(
                name: "crm_team_member");

            migrationBuilder.DropTable(
                name: "crm_pipeline");

            migrationBuilder.DropTable(
                name: "crm_opportunity");

            migrationBuilder.DropTable(
                name: "crm_team");
        }
    }
}
