// compose-check loads docker-compose.yml with compose-go, the loader Docker Compose itself uses, for every
// profile given, checks what an operator relies on (pinned images, healthchecks behind every depends_on,
// named volumes for the engines) and prints, as JSON, the resolved environment of each Rapport service so the
// caller can check it against that service's own configuration schema.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

type report struct {
	Profile  string                       `json:"profile"`
	Problems []string                     `json:"problems"`
	Services map[string]map[string]string `json:"services"`
	Images   map[string]string            `json:"images"`
}

// Engines keep state: each must mount a named volume so `docker compose down` loses nothing.
var stateful = map[string]bool{"postgres": true, "kafka": true, "mongodb": true, "kurrentdb": true}

func load(file string, profile string) (*types.Project, error) {
	// The caller's environment (RAPPORT_EVENT_STORE, POSTGRES_PASSWORD ...) resolves the file as an operator's would.
	env := append([]string{"JWT_SECRET=compose-check-secret-of-at-least-32-characters", "RAPPORT_MASTER_KEY=Y29tcG9zZS1jaGVjay1tYXN0ZXIta2V5LTMyLWJ5dGU="}, os.Environ()...)
	profiles := []string{}
	if profile != "" {
		profiles = append(profiles, profile)
	}
	options, err := cli.NewProjectOptions([]string{file},
		cli.WithWorkingDirectory("."), cli.WithEnv(env), cli.WithProfiles(profiles), cli.WithName("rapport"))
	if err != nil {
		return nil, err
	}
	return options.LoadProject(context.Background())
}

func check(project *types.Project, profile string) report {
	r := report{Profile: profile, Services: map[string]map[string]string{}, Images: map[string]string{}}
	names := make([]string, 0, len(project.Services))
	for name := range project.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		service := project.Services[name]
		if service.Build == nil {
			r.Images[name] = service.Image
			tag := service.Image[strings.LastIndex(service.Image, "/")+1:]
			version := ""
			if i := strings.LastIndex(tag, ":"); i >= 0 {
				version = tag[i+1:]
			}
			// A major tag (`mongo:8`) moves as much as `latest` does: at least major.minor.
			if !strings.Contains(version, ".") {
				r.Problems = append(r.Problems, fmt.Sprintf("%s: image %q is not pinned to a version", name, service.Image))
			}
		} else {
			environment := map[string]string{}
			for key, value := range service.Environment {
				if value != nil {
					environment[key] = *value
				}
			}
			r.Services[name] = environment
			if service.HealthCheck == nil || service.HealthCheck.Disable {
				r.Problems = append(r.Problems, fmt.Sprintf("%s: no healthcheck", name))
			}
		}
		for dependency, condition := range service.DependsOn {
			if condition.Condition != types.ServiceConditionHealthy && condition.Condition != types.ServiceConditionCompletedSuccessfully {
				r.Problems = append(r.Problems, fmt.Sprintf("%s: depends on %s without condition service_healthy", name, dependency))
			}
			target, ok := project.Services[dependency]
			if ok && condition.Condition == types.ServiceConditionHealthy && (target.HealthCheck == nil || target.HealthCheck.Disable) {
				r.Problems = append(r.Problems, fmt.Sprintf("%s: waits for %s to be healthy, but %s has no healthcheck", name, dependency, dependency))
			}
		}
		if stateful[name] {
			named := false
			for _, volume := range service.Volumes {
				if volume.Type == types.VolumeTypeVolume && volume.Source != "" {
					named = true
				}
			}
			if !named {
				r.Problems = append(r.Problems, fmt.Sprintf("%s: keeps state but mounts no named volume", name))
			}
		}
	}
	sort.Strings(r.Problems)
	return r
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-check <docker-compose.yml> [profile ...]  (\"\" is the default profile)")
		os.Exit(2)
	}
	profiles := os.Args[2:]
	if len(profiles) == 0 {
		profiles = []string{""}
	}
	reports := []report{}
	for _, profile := range profiles {
		project, err := load(os.Args[1], profile)
		if err != nil {
			reports = append(reports, report{Profile: profile, Problems: []string{"invalid: " + err.Error()}})
			continue
		}
		reports = append(reports, check(project, profile))
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", "  ")
	if err := encoder.Encode(reports); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
