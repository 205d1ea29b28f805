import path from "node:path";
import { Duration, Size, Stack, type StackProps } from "aws-cdk-lib";
import * as batch from "aws-cdk-lib/aws-batch";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { REPO_ROOT } from "./api-bundle.ts";
import { grantPrefix } from "./grants.ts";

export interface TrainingStackProps extends StackProps {
  bucket: s3.IBucket;
  /** Key prefix of this deployment's data ("" or ending in "/"). */
  prefix: string;
  /**
   * A pushed trainer image (registry URI). Absent: the image is built from trainer/Dockerfile as a Docker image
   * asset at deploy time. Synthesis never needs Docker either way: it only stages the build context.
   */
  trainerImage?: string;
  /** Instance classes of the GPU compute environment; default g4dn (T4) and g5 (A10G). */
  instanceClasses?: ec2.InstanceClass[];
  maxvCpus?: number;
  spot?: boolean;
  /** Longest a training attempt may run; default 24 h. */
  timeout?: Duration;
}

/**
 * AWS Batch on GPU instances that exist only while jobs run (min 0 vCPU): a VPC without NAT (public subnets,
 * no inbound rules; S3 through a free gateway endpoint), the compute environment, one job queue and the trainer's
 * job definition (1 GPU). Spot reclaims and SIGTERM-interrupted attempts (exit 3, checkpoint written) are retried
 * and resume from their checkpoint; anything else fails the job and the state-change rule records why.
 */
export class TrainingStack extends Stack {
  readonly queue: batch.JobQueue;
  readonly jobDefinition: batch.EcsJobDefinition;

  constructor(scope: Construct, id: string, props: TrainingStackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, "Vpc", {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: "public", subnetType: ec2.SubnetType.PUBLIC }],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
      flowLogs: { rejected: { trafficType: ec2.FlowLogTrafficType.REJECT } },
    });
    const compute = new batch.ManagedEc2EcsComputeEnvironment(this, "Gpu", {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      instanceClasses: props.instanceClasses ?? [ec2.InstanceClass.G4DN, ec2.InstanceClass.G5],
      // Amazon Linux 2 reached end of support on 2026-06-30; the AL2023 GPU AMI carries the NVIDIA driver, which
      // runs the image's CUDA 11.2 user space (drivers are backward compatible with older CUDA toolkits).
      images: [{ imageType: batch.EcsMachineImageType.ECS_AL2023_NVIDIA }],
      useOptimalInstanceClasses: false,
      minvCpus: 0,
      maxvCpus: props.maxvCpus ?? 32,
      spot: props.spot ?? false,
    });
    this.queue = new batch.JobQueue(this, "Queue", { computeEnvironments: [{ computeEnvironment: compute, order: 1 }] });

    const jobRole = new iam.Role(this, "JobRole", { assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com") });
    grantPrefix(jobRole, props.bucket, props.prefix);
    const image = props.trainerImage
      ? ecs.ContainerImage.fromRegistry(props.trainerImage)
      : ecs.ContainerImage.fromAsset(REPO_ROOT, { file: path.join("trainer", "Dockerfile"), target: "runtime" });
    this.jobDefinition = new batch.EcsJobDefinition(this, "Train", {
      container: new batch.EcsEc2ContainerDefinition(this, "Trainer", {
        image,
        gpu: 1,
        cpu: 4,
        memory: Size.gibibytes(14),
        jobRole,
        // Overridden per job; this default only prints usage.
        command: ["gantry-train", "--help"],
      }),
      retryAttempts: 5,
      retryStrategies: [
        batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.SPOT_INSTANCE_RECLAIMED),
        batch.RetryStrategy.of(batch.Action.RETRY, batch.Reason.custom({ onExitCode: "3" })),
        batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.CANNOT_PULL_CONTAINER),
        batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.NON_ZERO_EXIT_CODE),
      ],
      timeout: props.timeout ?? Duration.hours(24),
      propagateTags: true,
    });
  }
}
