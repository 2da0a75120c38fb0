// The same resources as examples/yaml, from Go: a host preset that can kick participants, a standup
// room (ACTIVE unless the standupStatus config says INACTIVE), an archived room nobody can join, and
// a webhook that RealtimeKit calls when a meeting ends.
package main

import (
	"example.com/pulumi-realtimekit/sdk/go/realtimekit"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")

		// Participants who join with this preset can remove others (and end the session for everyone).
		host, err := realtimekit.NewPreset(ctx, "host", &realtimekit.PresetArgs{
			Name: pulumi.String("host"),
			Permissions: &realtimekit.PresetPermissionsArgs{
				KickParticipant: pulumi.Bool(true),
				PinParticipant:  pulumi.Bool(true),
			},
		})
		if err != nil {
			return err
		}

		// A reusable room; INACTIVE ends its live session first, then blocks new joins.
		standup, err := realtimekit.NewMeeting(ctx, "standup", &realtimekit.MeetingArgs{
			Title:       pulumi.String("Daily standup"),
			Status:      pulumi.String(cfg.Get("standupStatus")),
			PersistChat: pulumi.Bool(true),
		})
		if err != nil {
			return err
		}

		archive, err := realtimekit.NewMeeting(ctx, "archive", &realtimekit.MeetingArgs{
			Title:  pulumi.String("Archived room"),
			Status: pulumi.String("INACTIVE"),
		})
		if err != nil {
			return err
		}

		meetingEnded, err := realtimekit.NewWebhook(ctx, "meetingEnded", &realtimekit.WebhookArgs{
			Name:   pulumi.String("meeting ended"),
			Url:    pulumi.String(cfg.Get("webhookUrl")),
			Events: pulumi.ToStringArray([]string{"meeting.ended"}),
		})
		if err != nil {
			return err
		}

		ctx.Export("standupId", standup.ID())
		ctx.Export("archiveId", archive.ID())
		ctx.Export("hostPresetName", host.Name)
		ctx.Export("webhookId", meetingEnded.ID())
		return nil
	})
}
